package io.cryptogo.ai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.SignalParseException;
import io.cryptogo.model.TradeSignal.Action;
import org.junit.jupiter.api.Test;

class SignalParserTest {

    @Test
    void readsAPlainObject() {
        ModelAnswer a = SignalParser.parse("{\"action\":\"BUY\",\"confidence\":0.72,\"entry\":113472.5,"
                + "\"stop_loss\":112497.5,\"take_profit\":115422.5,\"reasoning\":\"trend\"}");
        assertThat(a.action()).isEqualTo(Action.BUY);
        assertThat(a.confidence()).isEqualTo(0.72);
        assertThat(a.entry()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("113472.5"));
        assertThat(a.stopLoss()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("112497.5"));
        assertThat(a.takeProfit()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("115422.5"));
        assertThat(a.reasoning()).isEqualTo("trend");
    }

    @Test
    void findsTheObjectInsideACodeFenceWithProseAround() {
        ModelAnswer a =
                SignalParser.parse("Here is my decision:\n```json\n{\"Action\": \"sell\", \"Confidence\": \"0.6\","
                        + " \"Entry\": \"113,472.5\", \"StopLoss\": 114500, \"TakeProfit\": 111000, \"Reasoning\": \"a {brace} in text\"}\n```\n"
                        + "Let me know if you need more.");
        assertThat(a.action()).isEqualTo(Action.SELL);
        assertThat(a.confidence()).isEqualTo(0.6);
        assertThat(a.entry()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("113472.5"));
        assertThat(a.reasoning()).isEqualTo("a {brace} in text");
    }

    @Test
    void findsTheObjectWithTrailingTextAndNoFence() {
        ModelAnswer a = SignalParser.parse("{\"action\":\"HOLD\",\"confidence\":0.4,\"stop_loss\":null,"
                + "\"take_profit\":null,\"reasoning\":\"mixed\",} That is all.");
        assertThat(a.action()).isEqualTo(Action.HOLD);
        assertThat(a.stopLoss()).isEmpty();
        assertThat(a.entry()).isEmpty();
    }

    @Test
    void readsTheAlphaArenaSpelling() {
        ModelAnswer a = SignalParser.parse("{\"BTC\": {\"signal\": \"buy_to_enter\", \"confidence\": \"65%\","
                + " \"entry_price\": 100, \"stop_loss\": 95, \"profit_target\": 110, \"justification\": \"j\"}}");
        assertThat(a.action()).isEqualTo(Action.BUY);
        assertThat(a.confidence()).isEqualTo(0.65);
        assertThat(a.takeProfit()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("110"));
        assertThat(a.reasoning()).isEqualTo("j");
    }

    @Test
    void keepsAnOutOfRangeConfidenceForTheValidatorToReject() {
        assertThat(SignalParser.parse("{\"action\":\"HOLD\",\"confidence\":7}").confidence())
                .isEqualTo(7.0);
    }

    @Test
    void rejectsAnEmptyAnswer() {
        assertThatThrownBy(() -> SignalParser.parse("  "))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsTextWithoutJson() {
        assertThatThrownBy(() -> SignalParser.parse("I would buy here."))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("no JSON object");
    }

    @Test
    void rejectsTruncatedJsonSayingSo() {
        assertThatThrownBy(() -> SignalParser.parse("{\"action\": \"BUY\", \"confidence\": 0.7, \"entry\": "))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsAnUnknownActionNamingIt() {
        assertThatThrownBy(() -> SignalParser.parse("{\"action\":\"close_position\",\"confidence\":0.5}"))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("'close_position' is not one of BUY, SELL, HOLD");
    }

    @Test
    void rejectsAMissingConfidence() {
        assertThatThrownBy(() -> SignalParser.parse("{\"action\":\"HOLD\"}"))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("\"confidence\" is missing");
    }

    @Test
    void rejectsALevelThatIsNotANumber() {
        assertThatThrownBy(() -> SignalParser.parse(
                        "{\"action\":\"BUY\",\"confidence\":0.5,\"entry\":100,\"stop_loss\":\"below support\"}"))
                .isInstanceOf(SignalParseException.class)
                .hasMessageContaining("stop_loss 'below support' is not a number");
    }
}
