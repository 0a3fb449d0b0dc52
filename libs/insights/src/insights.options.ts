export const INSIGHTS_OPTIONS = Symbol('INSIGHTS_OPTIONS');

export interface InsightsOptions {
  /** ATTRIBUTION_WINDOW_S: a sale counts for a click this many seconds after it at most. */
  attributionWindowSeconds: number;
  /** CONVERSION_KEY_GRACE_S: an old conversion key keeps working this long after a new one. */
  conversionKeyGraceSeconds: number;
  /**
   * CONVERSION_KEY_SECRET: the server's key material. Conversion keys are encrypted under a key derived
   * from it, and the day's visitor hashes are keyed by another (HKDF, separate labels).
   */
  serverSecret: string;
}
