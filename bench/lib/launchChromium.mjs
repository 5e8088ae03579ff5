import { chromium } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

/** Debian's Chromium, headless, with no background traffic that could disturb a measurement. */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
