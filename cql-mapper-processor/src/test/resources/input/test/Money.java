package test;

import java.math.BigDecimal;

/** A type the mapper does not know, stored as text ("12.50 EUR") by {@link MoneyCodec}. */
public record Money(BigDecimal amount, String currency) {
  /** Parses {@link #toString()}. */
  public static Money parse(String text) {
    int space = text.indexOf(' ');
    return new Money(new BigDecimal(text.substring(0, space)), text.substring(space + 1));
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
