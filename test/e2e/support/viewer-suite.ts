import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBffStack, type BffStack, type BffStackOptions } from './bff-stack';
import { takeCspViolations } from './csp-violations';
import { launchChromium, newPhoneContext, type PhoneEnv } from './phone-browser';

export interface ViewerSuite {
  readonly stack: BffStack;
  readonly browser: Browser;
  /** A fresh context looking like `env`, and a page in it whose errors fail the test. */
  page(env: PhoneEnv, setUp?: (context: BrowserContext) => Promise<void>): Promise<Page>;
}

/**
 * The frame of a test file over the viewer pages: one BFF + sandbox and one Chromium for the file; after each test,
 * its contexts closed, and neither a page error nor a Content-Security-Policy violation may have happened.
 */
export function viewerSuite(options: BffStackOptions = {}): ViewerSuite {
  let stack: BffStack | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pageErrors: Error[] = [];

  beforeAll(async () => {
    stack = await startBffStack(options);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  afterEach(async () => {
    const violations = await takeCspViolations();
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });

  return {
    get stack() {
      return stack!;
    },
    get browser() {
      return browser!;
    },
    async page(env, setUp) {
      const context = await newPhoneContext(browser!, env);
      contexts.push(context);
      await setUp?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(error));
      return page;
    },
  };
}
