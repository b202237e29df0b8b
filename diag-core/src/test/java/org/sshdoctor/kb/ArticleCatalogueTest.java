package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The knowledge base as data: every article well formed, its patterns and examples consistent. */
class ArticleCatalogueTest {
    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");
    private static final Set<String> DERIVED = Set.of("text", "likelySource", "legacy", "modeProblem");

    private final KnowledgeBase kb = KnowledgeBase.builtIn();
    private final Explainer explainer = Explainer.of(kb);

    @Test
    void thereAreAtLeast150ArticlesWithUniqueWellFormedIds() {
        assertThat(kb.articles()).hasSizeGreaterThanOrEqualTo(150);
        Set<String> ids = new HashSet<>();
        for (Article article : kb.articles()) {
            assertThat(article.id()).matches(KbAssertions.ID_FORMAT);
            assertThat(ids.add(article.id())).as("unique %s", article.id()).isTrue();
            assertThat(article.title()).as("title of %s", article.id()).doesNotEndWith(".").doesNotContain("\n");
            assertThat(article.source()).as("source of %s", article.id()).isIn("client", "server", "sftp", "debug", "finding");
            assertThat(article.priority()).as("priority of %s", article.id()).isBetween(0, 100);
            for (String id : article.followsFrom()) {
                assertThat(kb.article(id)).as("%s follows from unknown %s", article.id(), id).isPresent();
            }
        }
    }

    @Test
    void everyExampleIsRecognisedAsItsOwnArticleAndNoOther() {
        List<String> failures = new ArrayList<>();
        int examples = 0;
        for (Article article : kb.articles()) {
            for (String example : article.examples()) {
                examples++;
                List<String> got = explainer.recognise(example);
                if (!got.equals(List.of(article.id()))) {
                    failures.add(article.id() + " example recognised as " + got + ": " + example);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(examples).isGreaterThanOrEqualTo(300);
    }

    @Test
    void everyArticleWithPatternsHasExamplesAndEveryPatternIsExercised() {
        for (Article article : kb.articles()) {
            if (article.patterns().isEmpty()) {
                continue;
            }
            assertThat(article.examples()).as("examples of %s", article.id()).isNotEmpty();
            for (String regex : article.patterns()) {
                Pattern pattern = Pattern.compile(regex);
                boolean used = article.examples().stream().anyMatch(e -> pattern.matcher(
                        InputLine.split(e).get(0).text()).find());
                assertThat(used).as("%s: no example matches pattern %s", article.id(), regex).isTrue();
            }
        }
    }

    @Test
    void summariesOnlyUseValuesTheArticleCanCapture() {
        for (Article article : kb.articles()) {
            Set<String> groups = new HashSet<>(DERIVED);
            article.patterns().forEach(p -> {
                Matcher m = GROUP.matcher(p);
                while (m.find()) {
                    groups.add(m.group(1));
                }
            });
            Matcher placeholders = PLACEHOLDER.matcher(article.summary());
            while (placeholders.find()) {
                assertThat(groups).as("summary placeholder {%s} of %s", placeholders.group(1), article.id())
                        .contains(placeholders.group(1));
            }
        }
    }

    /** What explain shows for a warning or error: every cause with a check and a fix, and references. */
    @Test
    void everyRecognisableProblemSaysHowToCheckAndFixEachCause() {
        for (Article article : kb.articles()) {
            if (!article.severity().needsAction() || article.patterns().isEmpty()) {
                continue;
            }
            assertThat(article.causes()).as("causes of %s", article.id()).isNotEmpty();
            for (Article.Cause cause : article.causes()) {
                assertThat(cause.check()).as("check of a cause of %s", article.id()).isNotBlank();
                assertThat(cause.fix()).as("fix of a cause of %s", article.id()).isNotBlank();
            }
            assertThat(article.references()).as("references of %s", article.id()).isNotEmpty();
        }
    }

    /**
     * Probes and explain share one vocabulary: the first message an article lists (the one its finding
     * quotes; later ones are often echoes such as "Connection closed") is recognised as an article that
     * lists the same message: itself, or the more specific one when several findings share a message,
     * like "Connection timed out during banner exchange".
     */
    @Test
    void everyClientMessageIsRecognisedAsAnArticleThatListsIt() {
        List<String> failures = new ArrayList<>();
        for (Article article : kb.articles()) {
            for (String message : article.clientMessages().stream().limit(1).toList()) {
                String sample = instantiate(message);
                List<String> got = explainer.recognise(sample);
                boolean listed = got.stream().map(id -> kb.article(id).orElseThrow())
                        .anyMatch(a -> a.clientMessages().stream().anyMatch(m -> shape(m).equals(shape(message))));
                if (!listed && !article.patterns().isEmpty()) {
                    failures.add(article.id() + ": '" + sample + "' recognised as " + got);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** A message with placeholders and numbers blurred, so "first <n> lines" equals "first 1024 lines". */
    private static String shape(String message) {
        return message.replaceAll("<[^>]+>|\\d+", "#");
    }

    /** Fills a documented message's placeholders with plausible values. */
    static String instantiate(String message) {
        return message.replace("<address>", "192.0.2.10").replace("<ip>", "192.0.2.10").replace("<patterns>", "10.0.0.0/8").replace("<host>", "server.example.org")
                .replace("<port>", "22").replace("<user>", "fred").replace("<path>", "/home/fred/.ssh/id_ed25519")
                .replace("<file>", "/home/fred/.ssh/known_hosts").replace("<line>", "3").replace("<n>", "3")
                .replace("<TYPE>", "ED25519").replace("<fp>", "SHA256:+SFq4rzWBISMPW7YgXzp9OKb9vkL9NjMxZ0QQYScVRs")
                .replace("<list>", "ssh-rsa,ssh-dss").replace("<methods>", "publickey,password")
                .replace("<keyword>", "Foo").replace("<code>", "11").replace("<message>", "Bye")
                .replace("<ooo>", "644").replace("<dir>", "/run/sshd").replace("<error>", "Permission denied")
                .replace("<reason>", "invalid format").replace("<name>", "/home/fred/.ssh/id_ed25519")
                .replace("<laddr>", "192.0.2.2").replace("<lport>", "22").replace("<rd>", "")
                .replace("<line>", "SSH-1.5-x").replace("<cmd>", "/usr/local/bin/keys").replace("<version>", "SSH-2.0-x")
                .replace("<comment>", "fred@laptop").replace("<keyid>", "fred").replace("<spec>", "arcfour")
                .replace("<shell>", "/bin/zsh").replace("<nologin-file>", "/etc/nologin").replace("<SID>", "S-1-5-11")
                .replace("<account>", "BUILTIN\\Users").replace("<alg>", "ssh-rsa").replace("<c>", "q")
                .replace("<u1>", "fred").replace("<u2>", "root").replace("<svc>", "ssh-connection")
                .replace("<preamble>", "authenticating user fred").replace("<function>", "server_input_global_request")
                .replace("<operation>", "send reply").replace("<FLAGS>", "READ").replace("<oooo>", "0644")
                .replace("<old>", "/a").replace("<new>", "/b").replace("<text>", "No such file")
                .replace("<request>", "remove").replace("<value>", "x").replace("<role>", "sender")
                .replace("<signal>", "15").replace("<library>", "OpenSSL 3.0.19").replace("<pid>", "811");
    }
}
