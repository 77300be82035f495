package imago.executor.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** v1 and v2 answers compare through the cents-to-decimal mapping, on their stable fields. */
class AnswerComparatorTest {

    @Test
    void anItemInCentsEqualsTheSameItemInDecimals() {
        String v1 = "{\"id\":7,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPriceCents\":1250,\"maxBidCents\":2000,"
                + "\"endDate\":\"2030-01-02T00:00\",\"topBids\":[]}";
        String v2 = "{\"id\":7,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPrice\":\"12.50\",\"maxBid\":\"21.00\","
                + "\"currency\":\"USD\",\"endDate\":\"2030-01-02T00:00\",\"topBids\":[{\"id\":1}]}";
        assertThat(AnswerComparator.difference("/items/7", 200, v1, 200, v2)).isEmpty();
    }

    @Test
    void aWrongConversionOrAFailureDiffers() {
        String v1 = "{\"id\":7,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPriceCents\":1250,\"endDate\":\"x\"}";
        String v2 = "{\"id\":7,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPrice\":\"1250.00\",\"endDate\":\"x\"}";
        assertThat(AnswerComparator.difference("/items/7", 200, v1, 200, v2)).startsWith("body");
        assertThat(AnswerComparator.difference("/items/7", 200, v1, 500, "{}")).startsWith("status");
    }

    @Test
    void listsCompareTheirItems() {
        String v1 = "{\"items\":[{\"id\":1,\"name\":\"a\",\"startPriceCents\":100,\"maxBidCents\":5}]}";
        String v2 = "{\"items\":[{\"id\":1,\"name\":\"a\",\"startPrice\":\"1.00\",\"maxBid\":\"9.00\",\"currency\":\"USD\"}]}";
        assertThat(AnswerComparator.difference("/items?category=1&page=0", 200, v1, 200, v2)).isEmpty();
        assertThat(AnswerComparator.difference("/items?category=1&page=0", 200, v1, 200, "{\"items\":[]}")).isNotEmpty();
    }
}
