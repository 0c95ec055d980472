/** Orders, risk checks, venues (paper, Binance) and trading modes (manual confirmation, automatic). */
package io.cryptogo.trading;
