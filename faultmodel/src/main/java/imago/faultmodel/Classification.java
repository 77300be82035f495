package imago.faultmodel;

import imago.faultmodel.classify.ClassifierJson;
import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.classify.ClusterClassifier.Prediction;
import imago.faultmodel.classify.Evaluation;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.FailureReport;
import imago.model.fault.FaultType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * New reports classified by a learned model ({@code imago faultmodel classify}).
 *
 * <pre>{@code
 * Classification c = Classification.run(Path.of("out/fault-model.json"), Path.of("new-reports.csv"));
 * c.writeTo(Path.of("classified"));   // predictions.csv, and evaluation.csv when labelled
 * }</pre>
 *
 * @param reports     the reports, as read
 * @param labelled    whether they came with a {@code type_label} column
 * @param predictions one per report, in file order
 */
public record Classification(DataSet reports, boolean labelled, List<Prediction> predictions) {

    public Classification {
        Objects.requireNonNull(reports, "reports");
        predictions = List.copyOf(predictions);
    }

    /** Reads both files (every problem a one-line {@link imago.faultmodel.data.DataSetException}) and classifies. */
    public static Classification run(Path model, Path reportsCsv) {
        ClusterClassifier classifier = ClassifierJson.read(model);
        DataSetLoader.ReportFile file = DataSetLoader.loadReports(reportsCsv);
        return new Classification(file.data(), file.labelled(),
                file.data().rows().stream().map(classifier::classify).toList());
    }

    /** Over the reports labelled 1-4; empty without labels. */
    public Optional<Evaluation> evaluation() {
        if (!labelled) {
            return Optional.empty();
        }
        List<FaultType> truth = new ArrayList<>();
        List<FaultType> predicted = new ArrayList<>();
        List<FailureReport> rows = reports.rows();
        for (int i = 0; i < rows.size(); i++) {
            Optional<FaultType> t = rows.get(i).label().faultType();
            if (t.isPresent()) {
                truth.add(t.get());
                predicted.add(predictions.get(i).type());
            }
        }
        return Optional.of(Evaluation.of(truth, predicted));
    }

    /** {@code predictions.csv}: {@code id,fault_type,cluster,distance}. */
    public String predictionsCsv() {
        StringBuilder b = new StringBuilder("id,fault_type,cluster,distance\n");
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            b.append(Reports.csv(reports.rows().get(i).id())).append(',').append(p.type().number()).append(',')
                    .append(p.cluster()).append(',').append(String.format(Locale.ROOT, "%.6f", p.distance()))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Writes {@code predictions.csv} and, with labels, {@code evaluation.csv}, each atomically. A
     * failure removes what this call wrote, the folder too when it created it.
     */
    public void writeTo(Path dir) throws IOException {
        boolean created = !Files.exists(dir);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            write(dir.resolve("predictions.csv"), predictionsCsv(), written);
            Optional<Evaluation> e = evaluation();
            if (e.isPresent()) {
                write(dir.resolve("evaluation.csv"), e.get().csv(), written);
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
            if (created) {
                Files.deleteIfExists(dir);
            }
            throw e;
        }
    }

    private static void write(Path file, String text, List<Path> written) throws IOException {
        Reports.atomically(file, text);
        written.add(file);
    }

    /** One line per type and the accuracy, for the terminal. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        int[] count = new int[FaultType.values().length];
        predictions.forEach(p -> count[p.type().ordinal()]++);
        b.append(String.format(Locale.ROOT, "%d reports classified:", predictions.size()));
        for (FaultType t : FaultType.values()) {
            b.append(String.format(Locale.ROOT, " type %d %d", t.number(), count[t.ordinal()]));
        }
        b.append('\n');
        evaluation().ifPresent(e -> {
            Evaluation.Proportion a = e.accuracy();
            b.append(String.format(Locale.ROOT, "accuracy %.3f [%.3f, %.3f] on %d reports labelled 1-4; macro recall %.3f%n",
                    a.value(), a.low(), a.high(), a.total(), e.macroRecall()));
        });
        return b.toString();
    }
}
