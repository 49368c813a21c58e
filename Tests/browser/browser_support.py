"""What every browser test shares: the demo's address and password, a headless Chromium, waits."""
import os
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("DAIYUN_URL", "http://127.0.0.1:8080")
SHOTS = os.environ.get("DAIYUN_SCREENSHOTS")
PASSWORD = "daiyun-demo-2026"


def make_driver():
    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


class BrowserTest(unittest.TestCase):
    """A test with its own browser, screenshots on request, and form submissions that wait."""

    def setUp(self):
        self.driver = make_driver()
        self.driver.implicitly_wait(5)

    def tearDown(self):
        self.driver.quit()

    def shot(self, name):
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def submit_and_wait(self, element):
        """Clicks a submit button or link and waits until the next page has replaced this one."""
        element.click()

        def replaced(_):
            # Chromium reports a replaced page's node as stale or as "not in the document": both
            # mean the next page is here.
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 15).until(replaced)

    def sign_in(self, login, english=False):
        d = self.driver
        d.get(BASE + "/login" + ("?lang=en" if english else ""))
        d.find_element(By.ID, "login").send_keys(login)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        self.submit_and_wait(d.find_element(By.ID, "sign-in"))

    def lang(self):
        return self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
