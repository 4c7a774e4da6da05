import { defineApiSuite } from './support/api-suite';

defineApiSuite('postgres');
