package org.sshdoctor.cli;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.sshdoctor.kb.Article;
import org.sshdoctor.kb.KnowledgeBase;
import org.sshdoctor.render.ArticleRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code sshdoctor kb [ID | --search WORDS]}: lists, searches and prints knowledge-base articles. */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Lists, searches and prints the knowledge base.",
        description = {"Every finding id has an article: what it means, the likely causes, how to check "
                + "each and how to fix it. Without arguments, lists all ids."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the article or list was printed",
            "1:nothing matched the search",
            "2:usage error (no article has that id)",
            "3:internal error (a bug in sshdoctor)",
        })
final class KbCommand implements Callable<Integer> {
    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The article to print, e.g. SSH-TCP-REFUSED.")
    String id;

    @Option(names = "--search", paramLabel = "WORDS", description = "Articles containing all these words.")
    String search;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        KnowledgeBase kb = KnowledgeBase.builtIn();
        ArticleRenderer renderer = new ArticleRenderer(output.colour(environment));
        if (id != null && search != null) {
            throw new UsageException("give an article ID or --search WORDS, not both");
        }
        if (id != null) {
            Article article = kb.article(id).orElseThrow(() -> new UsageException(
                    "no article has the id '" + id + "'; 'sshdoctor kb' lists them, 'sshdoctor kb --search WORDS' searches"));
            environment.out().print(output.json ? ArticleRenderer.json(List.of(article)) : renderer.render(article));
            return ExitCodes.OK;
        }
        Collection<Article> articles = search == null ? kb.articles() : kb.search(search);
        environment.out().print(output.json ? ArticleRenderer.json(articles) : renderer.list(articles));
        return articles.isEmpty() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
