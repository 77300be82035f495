package imago.experiments.study;

import imago.experiments.report.Section;

/** Builds report claims from a test on the run's numbers. */
final class Claim {
    private Claim() {
    }

    static Section.Claim of(String claim, String evidence, boolean yes, boolean partly, String numbers) {
        return new Section.Claim(claim, evidence, yes ? Section.Support.YES : partly ? Section.Support.PARTLY
                : Section.Support.NO, numbers);
    }
}
