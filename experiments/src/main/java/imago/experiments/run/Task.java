package imago.experiments.run;

/** One unit of work: replication {@code replication} of arm {@code arm} (its index in the arm list). */
public record Task(int arm, int replication) {
}
