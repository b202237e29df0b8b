package org.sshdoctor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SafeListenerTest {

    /** A listener method SafeListener does not forward would silently never reach embedders. */
    @Test
    void forwardsEveryListenerMethod() throws Exception {
        for (Method method : DiagnosisListener.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method own = SafeListener.class.getMethod(method.getName(), method.getParameterTypes());
            assertThat(own.getDeclaringClass()).as(method.getName()).isEqualTo(SafeListener.class);
        }
        assertThat(Arrays.stream(DiagnosisListener.class.getMethods()).map(Method::getName))
                .contains("dnsStart", "connectEnd", "bannerReceived", "kexEnd", "hostKeyReceived", "factPublished");
    }

    @Test
    void eventsAfterTheProbeEndedAreDropped() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        PhaseEvents events = new PhaseEvents(org.sshdoctor.model.Target.of("h", 22, "u"), new DiagnosisListener() {
            @Override
            public void bannerReceived(org.sshdoctor.model.Target target, String identification) {
                seen.add(identification);
            }
        });
        events.bannerReceived("SSH-2.0-one");
        events.close();
        events.bannerReceived("SSH-2.0-late");
        assertThat(seen).containsExactly("SSH-2.0-one");
    }
}
