import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** Keys derived from the server secret, one per purpose, so a leak of one use reveals nothing of another. */
export class ServerKeys {
  private readonly encryptionKey: Buffer;
  /** A KeyObject, made once: every counted click hashes with it, and a Buffer key is imported on each use. */
  private readonly visitorKey: KeyObject;

  constructor(serverSecret: string) {
    const derive = (label: string) => Buffer.from(hkdfSync('sha256', serverSecret, 'vtask', label, 32));
    this.encryptionKey = derive('conversion-key encryption');
    this.visitorKey = createSecretKey(derive('visitor hash'));
  }

  /** AES-256-GCM: `iv.tag.ciphertext`, base64url each. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  /** A keyed hash of the parts, 32 hex characters: not reversible without the server secret. */
  visitorHash(...parts: string[]): string {
    return createHmac('sha256', this.visitorKey).update(parts.join('\n')).digest('hex').slice(0, 32);
  }
}
