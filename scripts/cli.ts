// Entry point of the `going-dark` command (bin/going-dark.mjs runs it under tsx).
// A Node process: the devices use Node's native X25519/Ed25519/ChaCha20-Poly1305
// (byte for byte the same results as noble — test/crypto/backend.test.ts).
import * as nodeCrypto from 'node:crypto';
import { main } from '../src/bots/cli.ts';
import { installNativeCrypto } from '../src/crypto/nodeBackend.ts';

installNativeCrypto(nodeCrypto);
main(process.argv.slice(2));
