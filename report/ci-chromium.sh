#!/usr/bin/env bash
# The browser test (ReportBrowserTest) needs Debian's Chromium and ChromeDriver. A new machine does not have them:
# call this from .ci/run before `./mvnw verify` (it is quick when they are already installed).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
