package io.cryptogo.trading;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A venue's view of one order: status, cumulative filled quantity, average price, cumulative fee, and the
 * fills this report brings that the trader may not have seen yet (the trader ignores fills it already
 * stored, by trade id).
 */
public record ExecutionReport(
        String clientOrderId,
        Optional<String> exchangeOrderId,
        OrderStatus status,
        BigDecimal filledQuantity,
        Optional<BigDecimal> averagePrice,
        BigDecimal fee,
        Optional<String> feeAsset,
        List<Fill> fills,
        Optional<String> reason) {
    public ExecutionReport {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(feeAsset, "feeAsset");
        fills = List.copyOf(fills);
        Objects.requireNonNull(reason, "reason");
    }

    /** A report that changes nothing but the status (and says why). */
    public static ExecutionReport status(Order o, OrderStatus status, String reason) {
        return new ExecutionReport(
                o.clientOrderId(),
                o.exchangeOrderId(),
                status,
                o.filledQuantity(),
                o.averagePrice(),
                o.fee(),
                Optional.of(o.feeAsset()),
                List.of(),
                Optional.ofNullable(reason));
    }
}
