package imago.executor.metrics;

import imago.executor.load.RequestRecord;
import imago.executor.run.StepRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Writes the request log ({@code requests.csv.gz}) and the step log ({@code steps.csv}). */
public final class Logs {

    private Logs() {
    }

    /** Times are seconds from the window's start (negative for warm-up traffic). */
    public static void writeRequests(Path file, List<RequestRecord> records, long windowStart) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8))) {
            w.write("id,session,kind,method,path,send_s,end_s,latency_ms,status,version,node,refused,planned,bid_id,"
                    + "amount_cents,producer,validations,confirmed,error\n");
            for (RequestRecord r : records) {
                w.write(String.join(",", Long.toString(r.id()), Long.toString(r.session()), r.kind(), r.method(),
                        csv(r.path()), seconds(r.sendNanos(), windowStart), seconds(r.endNanos(), windowStart),
                        String.format(Locale.ROOT, "%.3f", r.latencyMs()), Integer.toString(r.status()), r.version(),
                        csv(r.node()), r.refused(), Boolean.toString(r.planned()), Long.toString(r.bidId()),
                        Long.toString(r.amountCents()), r.producer(), Integer.toString(r.validations()),
                        Boolean.toString(r.confirmed()), csv(r.error())));
                w.write('\n');
            }
        }
    }

    public static void writeSteps(Path file, List<StepRecord> steps, long windowStart) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder("number,group,kind,universe,targets,start_s,end_s,duration_s,status,detail\n");
        for (StepRecord s : steps) {
            sb.append(String.join(",", Integer.toString(s.number()), Integer.toString(s.group()), s.kind().configName(),
                    s.universe().configName(), csv(String.join(" ", s.targets())), seconds(s.startNanos(), windowStart),
                    seconds(s.endNanos(), windowStart),
                    String.format(Locale.ROOT, "%.3f", (s.endNanos() - s.startNanos()) / 1e9), s.status(), csv(s.detail())))
                    .append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    private static String seconds(long nanos, long origin) {
        return String.format(Locale.ROOT, "%.4f", (nanos - origin) / 1e9);
    }

    /** Quotes a field when it needs it (RFC 4180). */
    static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }
}
