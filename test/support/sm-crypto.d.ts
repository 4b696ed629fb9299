// sm-crypto ships no types; the two calls the cross-check makes.
declare module 'sm-crypto' {
  interface SignOptions {
    readonly hash?: boolean;
    readonly der?: boolean;
    readonly publicKey?: string;
    readonly userId?: string;
  }
  const smCrypto: {
    sm2: {
      generateKeyPairHex(): { privateKey: string; publicKey: string };
      doSignature(message: string | number[], privateKey: string, options?: SignOptions): string;
      doVerifySignature(
        message: string | number[],
        signature: string,
        publicKey: string,
        options?: SignOptions,
      ): boolean;
    };
    sm3(message: string | number[]): string;
  };
  export default smCrypto;
}
