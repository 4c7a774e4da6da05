import { defineApiSuite } from './support/api-suite';

// The same suite on PGlite: the embedded mode's database behaves like the server.
defineApiSuite('pglite');
