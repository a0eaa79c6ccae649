import { createServer, type AddressInfo } from 'node:net';

/** A local port nobody listens on now (for tests that start servers of their own). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
