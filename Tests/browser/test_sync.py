"""Real-browser test of a store's channel sync page against `daiyun demo` and its platform sandbox."""
import time
import unittest

from selenium.webdriver.common.by import By

from browser_support import BASE, BrowserTest


class SyncTest(BrowserTest):
    def open_sync_page(self):
        d = self.driver
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "花漾美妆官方旗舰店"))
        self.submit_and_wait(d.find_element(By.ID, "sync-link"))

    def test_store_manager_sees_the_sandbox_sync_and_syncs_now(self):
        self.sign_in("li.manager")
        d = self.driver
        self.open_sync_page()
        self.assertIn("daiyun-demo-app", d.find_element(By.ID, "connection").text)
        self.assertNotIn("daiyun-demo-sandbox-secret", d.page_source, "the secret is never shown")
        # The background runner syncs within seconds of the demo starting.
        deadline = time.time() + 60
        while not d.find_elements(By.CSS_SELECTOR, "#jobs tr.job-done") and time.time() < deadline:
            time.sleep(2)
            d.refresh()
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#jobs tr.job-done"), "a sync job finished")
        kinds = [r.find_elements(By.TAG_NAME, "td")[0].text for r in d.find_elements(By.CSS_SELECTOR, "#cursors tbody tr")]
        self.assertEqual(len(kinds), 4, "an orders, a refunds, a reviews and a daily ad report cursor")
        self.assertIn("推广报表（按天）", kinds)
        self.submit_and_wait(d.find_element(By.ID, "sync-now"))
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, ".flash"))
        self.shot("store-sync")

    def test_warehouse_ships_a_synced_order_and_the_sandbox_accepts_it(self):
        self.sign_in("sun.warehouse")
        d = self.driver
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "织锦服饰天猫旗舰店"))
        store_url = d.current_url.rstrip("/")
        # Orders from the sandbox (numbers from 3…) waiting to ship, once the first sync has run.
        tid = None
        deadline = time.time() + 60
        while tid is None and time.time() < deadline:
            d.get(store_url + "/orders?status=WAIT_SELLER_SEND_GOODS")
            tids = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#orders tbody td:first-child a code")]
            tid = next((t for t in tids if t.startswith("3")), None)
            if tid is None:
                time.sleep(3)
        self.assertIsNotNone(tid, "a synced order waits to ship")
        d.get(store_url + "/orders/" + tid)
        d.find_element(By.ID, "waybill").send_keys("SF100200300")
        self.submit_and_wait(d.find_element(By.ID, "ship-button"))
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#shipments tr.shipment-pending, #shipments tr.shipment-sent"))
        deadline = time.time() + 30
        while not d.find_elements(By.CSS_SELECTOR, "#shipments tr.shipment-sent") and time.time() < deadline:
            time.sleep(1)
            d.refresh()
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#shipments tr.shipment-sent"), "the sandbox accepted the shipment")
        self.assertEqual(d.find_elements(By.ID, "ship-form"), [], "a shipped order offers no second shipment")
        self.shot("order-shipped")

    def test_a_promoter_sees_the_sync_but_cannot_connect(self):
        self.sign_in("zhao.promo")
        d = self.driver
        self.open_sync_page()
        self.assertEqual(d.find_elements(By.ID, "connect-form"), [])
        self.assertEqual(d.find_elements(By.ID, "sync-now"), [])


if __name__ == "__main__":
    unittest.main()
