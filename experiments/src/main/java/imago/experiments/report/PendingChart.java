package imago.experiments.report;

import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart built but not yet drawn, with the title and caption of its report section: a study
 * collects its charts first and draws them all at once ({@link #drawAll}), since rendering is most
 * of a report's time.
 */
public record PendingChart(String title, Chart<?, ?> chart, String baseName, String caption) {

    /** Draws the charts into {@code dir} in parallel and returns their sections in the order given. */
    public static List<Section> drawAll(List<PendingChart> charts, Path dir) throws IOException {
        List<ChartFiles> files = ChartFiles.writeAll(charts.stream().map(p -> new ChartFiles.Named(p.chart(), p.baseName())).toList(), dir);
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            out.add(new Section.Chart(charts.get(i).title(), files.get(i), charts.get(i).caption()));
        }
        return out;
    }
}
