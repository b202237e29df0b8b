package org.sshdoctor.kb;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The articles, loaded from the classpath: {@code kb/index.txt} lists the YAML files (one per area),
 * each holding a list of articles. No classpath scanning: the index is the catalogue. The build
 * compiles the YAML into {@code kb/articles.bin}, which is what loads at run time (see {@link #load}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KnowledgeBase {
    private static final String INDEX = "kb/index.txt";

    private final Map<String, Article> byId;
    private final Map<String, Article> byAlias;

    private KnowledgeBase(Map<String, Article> byId, Map<String, Article> byAlias) {
        this.byId = byId;
        this.byAlias = byAlias;
    }

    /** Loads the built-in articles. */
    public static KnowledgeBase builtIn() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final KnowledgeBase INSTANCE = load(KnowledgeBase.class.getClassLoader());
    }

    /**
     * Loads the knowledge base from the class path of {@code loader}: its compiled form
     * {@code kb/articles.bin} when the build made one (a few milliseconds, no parser), otherwise the YAML
     * files listed by {@code kb/index.txt}.
     *
     * @throws IllegalStateException naming the file and the problem when an article is malformed or an
     *     id is used twice
     */
    static KnowledgeBase load(ClassLoader loader) {
        InputStream compiled = loader.getResourceAsStream(CompiledKnowledgeBase.RESOURCE);
        if (compiled == null) {
            return loadYaml(loader);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(compiled, 64 * 1024))) {
            return of(CompiledKnowledgeBase.read(in), CompiledKnowledgeBase.RESOURCE);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("knowledge base file " + CompiledKnowledgeBase.RESOURCE
                    + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Loads every article listed by {@code kb/index.txt} on the class path of {@code loader} from the YAML
     * sources (the build does this once, see {@link KbCompiler}).
     *
     * @throws IllegalStateException naming the file and the problem when an article is malformed or an
     *     id is used twice
     */
    static KnowledgeBase loadYaml(ClassLoader loader) {
        YamlArticles yaml = new YamlArticles();
        Map<String, Article> byId = new LinkedHashMap<>();
        Map<String, Article> byAlias = new LinkedHashMap<>();
        for (String file : readIndex(loader)) {
            Article[] articles;
            try (InputStream in = open(loader, "kb/" + file)) {
                articles = yaml.read(in);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("knowledge base file kb/" + file + " is malformed: " + e.getMessage(), e);
            }
            add(Arrays.asList(articles), "kb/" + file, byId, byAlias);
        }
        return new KnowledgeBase(byId, byAlias);
    }

    private static KnowledgeBase of(List<Article> articles, String file) {
        Map<String, Article> byId = new LinkedHashMap<>();
        Map<String, Article> byAlias = new LinkedHashMap<>();
        add(articles, file, byId, byAlias);
        return new KnowledgeBase(byId, byAlias);
    }

    private static void add(List<Article> articles, String file, Map<String, Article> byId, Map<String, Article> byAlias) {
        for (Article article : articles) {
            if (byId.putIfAbsent(article.id(), article) != null) {
                throw new IllegalStateException("article id " + article.id() + " is used twice (" + file + ")");
            }
            for (String alias : article.aliases()) {
                byAlias.put(alias, article);
            }
        }
    }

    private static List<String> readIndex(ClassLoader loader) {
        List<String> files = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open(loader, INDEX), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String file = line.strip();
                if (!file.isEmpty() && !file.startsWith("#")) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("knowledge base resource " + resource + " is missing from the class path");
        }
        return in;
    }

    /** Every article, in index order. */
    public Collection<Article> articles() {
        return byId.values();
    }

    /** The article with this id or a former id of it; ids are matched case-insensitively. */
    public Optional<Article> article(String id) {
        String key = id.strip().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(byId.get(key)).or(() -> Optional.ofNullable(byAlias.get(key)));
    }

    /**
     * Articles whose id, title, explanation, client messages or examples contain every one of the
     * words (case-insensitive), in index order.
     */
    public List<Article> search(String words) {
        List<String> terms = Arrays.stream(words.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        return byId.values().stream().filter(a -> {
            String text = (a.id() + " " + a.title() + " " + a.explanation() + " "
                    + String.join(" ", a.clientMessages()) + " " + String.join(" ", a.examples()))
                    .toLowerCase(Locale.ROOT);
            return terms.stream().allMatch(text::contains);
        }).toList();
    }
}
