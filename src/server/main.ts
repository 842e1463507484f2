/**
 * `npm start`: the Going Dark server process. Reads the configuration from the
 * environment (README, "Configuration"), uses Node's native crypto for the hosted bots'
 * devices, and prints the URL.
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { installNativeCrypto } from '../crypto/nodeBackend.ts';
import { startServer } from './app.ts';
import { readConfig } from './config.ts';

installNativeCrypto(nodeCrypto);
// One bad packet must not end a classroom's game: a failure nobody awaited is logged, and the
// server goes on (the packet checks in packets.ts refuse every input the fuzz test found to fail).
process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection:', reason instanceof Error ? (reason.stack ?? reason.message) : reason);
});
const config = readConfig();
const server = await startServer(config);
console.log(`Going Dark is at ${server.url}/  (data: ${config.dataDir})`);
const stop = () => {
  server.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
