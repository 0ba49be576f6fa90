import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The direct-to-S3 upload flow only (e2e/*.s3.ts), against the S3-backed backend and moto_server
// started by scripts/suites/e2e-s3.sh. One desktop project: the form is the same at 375 px.
export default defineConfig({
  ...base,
  testMatch: '**/*.s3.ts',
  outputDir: './e2e-results/test-output-s3',
  projects: [{ name: 'desktop-s3', use: { viewport: { width: 1280, height: 900 } } }],
});
