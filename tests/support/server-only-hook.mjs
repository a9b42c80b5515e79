// Lets a plain Node process (a test's app instance) load services marked `import "server-only"`,
// as Vitest's alias does: outside Next's bundle the package would throw.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(specifier, context, next) {" +
        " if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true };" +
        " return next(specifier, context); }",
    ),
);
