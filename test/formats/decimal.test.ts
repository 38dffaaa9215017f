import { canonicalDecimal, formatMicros, parseDecimal, sumDecimals, yuanToWanYuan } from "../../src/formats";

describe("decimal", () => {
  it("keeps 27.37 exact when adding", () => {
    expect(formatMicros(sumDecimals(["27.37", "0.1", "0.2"]))).toBe("27.67");
  });

  it("accepts six fractional digits and refuses seven", () => {
    expect(canonicalDecimal("24252.311082")).toBe("24252.311082");
    expect(parseDecimal("1.1234567")).toBeNull();
  });

  it("ignores trailing zeros when counting places", () => {
    expect(canonicalDecimal("027.3700000")).toBe("27.37");
  });

  it("refuses text that is not a plain decimal", () => {
    for (const text of ["abc", "1e5", "1,000", "", "1.2.3", "0x10"]) {
      expect(parseDecimal(text)).toBeNull();
    }
  });

  it("keeps negative values for 本年增/减", () => {
    expect(canonicalDecimal("-3")).toBe("-3");
    expect(canonicalDecimal("-0")).toBe("0");
  });

  it("converts 元 to 万元 exactly", () => {
    expect(yuanToWanYuan("273700")).toBe("27.37");
    expect(yuanToWanYuan("12.34")).toBe("0.001234");
    expect(yuanToWanYuan("242523110.82")).toBe("24252.311082");
  });
});
