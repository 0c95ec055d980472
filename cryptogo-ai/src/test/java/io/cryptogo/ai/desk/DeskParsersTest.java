package io.cryptogo.ai.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.SignalParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each role's answer: read leniently, checked strictly, the complaint fit to send back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeskParsersTest {

    @Test
    void technicalViewsAreReadFromFencesWithKeysInAnyCase() {
        TechnicalView v = DeskParsers.technical(
                "Here:\n```json\n{\"Bias\":\"LONG\",\"Confidence\":\"0.6\",\"keyLevels\":[\"112,500\",115400],\"reasons\":\"trend\"}\n```");
        assertThat(v.bias()).isEqualTo(Bias.BULLISH);
        assertThat(v.confidence()).isEqualTo(0.6);
        assertThat(v.keyLevels()).hasSize(2);
        assertThat(v.reasons()).containsExactly("trend");
    }

    @Test
    void technicalViewsWithoutBiasOrWithAConfidenceOutOfRangeAreRefused() {
        assertThatThrownBy(() -> DeskParsers.technical("{\"confidence\":0.5}"))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("\"bias\" is missing");
        assertThatThrownBy(() -> DeskParsers.technical("{\"bias\":\"up\",\"confidence\":7}"))
                .hasMessageContaining("confidence must be a number between 0 and 1, got 7");
        assertThatThrownBy(() -> DeskParsers.technical("{\"bias\":\"moon\",\"confidence\":0.5}"))
                .hasMessageContaining("not one of bullish, bearish, neutral");
        assertThatThrownBy(() -> DeskParsers.technical("{\"bias\":\"up\",\"confidence\":0.5,\"key_levels\":[-3]}"))
                .hasMessageContaining("positive prices");
    }

    @Test
    void sentimentIsBoundedAndCitesOnlyTheItemsItWasGiven() {
        SentimentView v = DeskParsers.sentiment(
                "{\"score\":-0.4,\"items_used\":[\"n1\"],\"summary\":\"fear\"}", Set.of("n1", "n2"));
        assertThat(v.score()).isEqualTo(-0.4);
        assertThat(v.itemsUsed()).containsExactly("n1");
        assertThatThrownBy(() -> DeskParsers.sentiment("{\"score\":1.5,\"items_used\":[\"n1\"]}", Set.of("n1")))
                .hasMessageContaining("score must be a number between -1 and 1, got 1.5");
        assertThatThrownBy(() -> DeskParsers.sentiment("{\"score\":0.5,\"items_used\":[\"n9\"]}", Set.of("n1")))
                .hasMessageContaining("not one of the item ids given");
        assertThatThrownBy(() -> DeskParsers.sentiment("{\"score\":0.5,\"items_used\":[]}", Set.of("n1")))
                .hasMessageContaining("needs items_used");
    }

    @Test
    void researchersMustArgueTheirOwnSide() {
        ResearchView bull = DeskParsers.research(
                "{\"bias\":\"bullish\",\"conviction\":0.6,\"points\":[\"a\",\"b\"]}", Optional.of(Bias.BULLISH));
        assertThat(bull.points()).containsExactly("a", "b");
        assertThatThrownBy(() ->
                        DeskParsers.research("{\"bias\":\"bearish\",\"conviction\":0.6}", Optional.of(Bias.BULLISH)))
                .hasMessageContaining("you argue the bullish case");
        assertThatThrownBy(() -> DeskParsers.research("{\"bias\":\"neutral\"}", Optional.empty()))
                .hasMessageContaining("\"conviction\" is missing");
    }

    @Test
    void theRiskCommentaryNeedsAVerdictAndAReductionNeedsItsConfidence() {
        assertThat(DeskParsers.riskCommentary("{\"verdict\":\"veto\",\"comment\":\"no\"}")
                        .verdict())
                .isEqualTo(RiskCommentary.Verdict.HOLD);
        assertThat(DeskParsers.riskCommentary("{\"verdict\":\"reduce\",\"confidence\":0.3}")
                        .confidence())
                .contains(0.3);
        assertThatThrownBy(() -> DeskParsers.riskCommentary("{\"verdict\":\"reduce\"}"))
                .hasMessageContaining("reduce needs the lowered confidence");
        assertThatThrownBy(() -> DeskParsers.riskCommentary("{\"verdict\":\"double down\"}"))
                .hasMessageContaining("not one of approve, reduce, hold");
        assertThatThrownBy(() -> DeskParsers.riskCommentary("no json here"))
                .hasMessageContaining("no JSON object found");
    }
}
