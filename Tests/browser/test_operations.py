"""Real-browser test of the daily-operations pages against `daiyun demo`: orders, stock, imports."""
import os
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import BASE, BrowserTest

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "DaiyunTestSupport", "Fixtures")


class OperationsTest(BrowserTest):
    def test_store_manager_pages_through_orders_to_one_with_its_source(self):
        self.sign_in("li.manager")
        d = self.driver
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "花漾美妆官方旗舰店"))
        self.submit_and_wait(d.find_element(By.ID, "orders-link"))
        first = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#orders tbody td:first-child a")]
        self.assertEqual(len(first), 50, "a full first page of the demo year")
        self.submit_and_wait(d.find_element(By.ID, "next-page"))
        second = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#orders tbody td:first-child a")]
        self.assertEqual(len(second), 50)
        self.assertFalse(set(first) & set(second), "pages do not overlap")
        self.shot("orders-page-2")
        self.submit_and_wait(d.find_elements(By.CSS_SELECTOR, "#orders tbody td:first-child a")[0])
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#lines tbody tr"))
        # The newest orders come from the sandbox by sync once the first sync ran, from the demo year before.
        self.assertTrue("demo-year-tm-huayang-001.json" in d.page_source or "taobao.trades.sold.increment.get" in d.page_source)
        self.shot("order-detail")

    def test_brand_viewer_sees_stock_but_cannot_change_it(self):
        self.sign_in("huayang.brand")
        d = self.driver
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "#stores tbody tr td:nth-child(2) a"))
        self.submit_and_wait(d.find_element(By.ID, "stock-link"))
        rows = d.find_elements(By.CSS_SELECTOR, "#stock tbody tr")
        self.assertEqual(len(rows), 7)
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form[action$='/stock/changes']"), [])
        self.shot("brand-stock")

    def test_upload_shows_each_bad_row_then_imports_the_good_ones(self):
        self.sign_in("li.manager")
        d = self.driver
        d.get(BASE + "/imports")
        Select(d.find_element(By.ID, "i-kind")).select_by_value("orders")
        d.find_element(By.ID, "i-file").send_keys(os.path.abspath(os.path.join(FIXTURES, "orders-malformed.csv")))
        self.submit_and_wait(d.find_element(By.ID, "preview-button"))
        self.assertEqual(d.find_element(By.ID, "rows-read").text, "7")
        self.assertEqual(d.find_element(By.ID, "good-rows").text, "2")
        self.assertEqual(d.find_element(By.ID, "encoding").text, "GB18030")
        lines = [r.find_elements(By.TAG_NAME, "td")[0].text for r in d.find_elements(By.CSS_SELECTOR, "#row-errors tbody tr")]
        self.assertEqual(lines, ["3", "4", "5", "6", "7"])
        self.shot("import-preview")
        self.submit_and_wait(d.find_element(By.ID, "confirm-import"))
        self.assertIn(d.find_element(By.ID, "outcome").text, ("已导入", "Imported"))
        self.assertEqual(int(d.find_element(By.ID, "inserted").text) + int(d.find_element(By.ID, "unchanged").text), 2)
        self.assertEqual(d.find_element(By.ID, "rejected").text, "5")
        self.shot("import-result")

    def test_warehouse_batch_ships_orders_from_the_workbench(self):
        self.sign_in("sun.warehouse")
        d = self.driver
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#orders-to-ship tbody tr"), "the shipping queue")
        link = [a for a in d.find_elements(By.CSS_SELECTOR, "#shipping .links a") if "织锦服饰天猫旗舰店" in a.text][0]
        page = link.get_attribute("href")
        # The sandbox shop ships orders by itself too: wait (its sync runs every 10 s) until some wait for us.
        deadline = time.time() + 90
        while True:
            d.get(page)
            fields = d.find_elements(By.CSS_SELECTOR, "#batch-orders input[name^='waybill-']")[:3]
            if fields or time.time() > deadline:
                break
            time.sleep(5)
        self.assertTrue(fields, "the connected Tmall store has orders to ship")
        for i, field in enumerate(fields):
            field.send_keys("ZT%010d" % (7000000 + i))
        Select(d.find_element(By.ID, "b-carrier")).select_by_value("ZTO")
        self.shot("batch-shipping")
        self.submit_and_wait(d.find_element(By.ID, "batch-ship"))
        shipped = int(d.find_element(By.CSS_SELECTOR, "#shipped-count strong").text)
        refused = d.find_elements(By.CSS_SELECTOR, "#batch-refused tbody tr")
        # An order the shop shipped meanwhile is refused on its own line; the rest ship.
        self.assertGreaterEqual(shipped, 1)
        self.assertEqual(shipped + len(refused), len(fields))
        self.shot("batch-shipped")
