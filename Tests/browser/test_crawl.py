"""Every page each demo user can reach, opened in Chromium: no English from code and no raw code
on a Chinese page, and no page that fails."""
import re
import unittest
from collections import deque
from urllib.parse import urljoin, urlparse

from selenium.webdriver.common.by import By

from browser_support import BASE, BrowserTest, make_driver

USERS = [
    "admin", "li.manager", "zhou.manager", "wang.design", "zhao.promo", "chen.cs", "sun.warehouse",
    "huayang.brand", "zhijin.brand", "hetian.brand",
]
# Downloads, the API, and the API reference (the OpenAPI document's own English text).
SKIP = re.compile(r"\.(csv|xlsx|yaml|ico|svg)$|^/(api/|api-docs|source-records/|logout)")
PAGES_PER_USER = 45
VISITS_PER_SHAPE = 2

# A raw key or enum value: `order_title`, `WAIT_SELLER_SEND_GOODS`, `cs_agent`.
RAW_CODE = re.compile(r"^(?:[a-z]+(?:_[a-z0-9]+)+|[A-Z]+(?:_[A-Z0-9]+)+)$")
# An English word as code writes one: all lowercase letters (`pushed`, `shipped`, `onsale`).
LOWER_WORD = re.compile(r"^[a-z]{3,}$")
# Two English words in a row: a sentence from code (`orders read`, `Shortages only`).
PHRASE = re.compile(r"\b[A-Za-z]{2,}\s+[a-z]{2,}\b")
EDGE_PUNCTUATION = "()[]{}<>,.;:!?\"'“”‘’（）【】，。；：！？、·…/|*"

# What a Chinese page shows as itself: the product's name, standards and the users' own data.
ALLOWED = {"https", "http"}

STRIP_DATA = """
const body = document.body.cloneNode(true);
for (const node of body.querySelectorAll('code, kbd, pre, samp, script, style, input, textarea, [data-raw]')) node.remove();
return body.innerText;
"""


def shape(path):
    """The page's path with its ids and numbers as placeholders: one order page is like another."""
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}", path)
    return re.sub(r"/\d{4,}", "/{n}", path)


def findings(text):
    """The words on the page that came from code rather than from the page's language."""
    found = set()
    for line in text.splitlines():
        for match in PHRASE.finditer(line):
            found.add(match.group(0))
        for token in line.split():
            word = token.strip(EDGE_PUNCTUATION)
            if word in ALLOWED:
                continue
            if RAW_CODE.match(word) or LOWER_WORD.match(word):
                found.add(word)
    return found


class CrawlTest(BrowserTest):
    maxDiff = None

    def crawl(self, login):
        self.sign_in(login)
        d = self.driver
        d.implicitly_wait(0)
        queue = deque(["/"])
        seen = set()
        shapes = {}
        problems = []
        opened = 0
        while queue and opened < PAGES_PER_USER:
            path = queue.popleft()
            if path in seen:
                continue
            seen.add(path)
            key = shape(urlparse(path).path)
            if shapes.get(key, 0) >= VISITS_PER_SHAPE:
                continue
            shapes[key] = shapes.get(key, 0) + 1
            d.get(BASE + path)
            opened += 1
            # A link the page offers opens: an error page only where the role may not go (403).
            errors = d.find_elements(By.ID, "error-message")
            if errors:
                status = d.find_element(By.CSS_SELECTOR, "h1 .muted").text
                if status != "403":
                    problems.append(f"{path}: error {status} {errors[0].text}")
            if d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN":
                found = findings(d.execute_script(STRIP_DATA))
                if found:
                    problems.append(f"{path}: {sorted(found)}")
            for link in d.find_elements(By.CSS_SELECTOR, "a[href]"):
                href = link.get_attribute("href") or ""
                target = urlparse(urljoin(BASE + path, href))
                if target.netloc != urlparse(BASE).netloc or SKIP.search(target.path):
                    continue
                if "lang=" in target.query:
                    continue
                queue.append(target.path + ("?" + target.query if target.query else ""))
        self.assertGreater(opened, 3, f"{login} reached only {opened} pages")
        self.assertEqual(problems, [], f"{login}: English or raw codes on Chinese pages")
        return opened

    def test_every_demo_user_sees_only_chinese_on_chinese_pages(self):
        for login in USERS:
            with self.subTest(login=login):
                self.crawl(login)
            self.driver.quit()
            self.driver = make_driver()


if __name__ == "__main__":
    unittest.main()
