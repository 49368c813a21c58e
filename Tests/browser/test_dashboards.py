"""Real-browser test of the dashboards against `daiyun demo`: a store's charts and days, the overview, as agency and brand."""
import unittest

from selenium.webdriver.common.by import By

from browser_support import BASE, BrowserTest


class DashboardsTest(BrowserTest):
    def open_dashboard(self):
        d = self.driver
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "花漾美妆官方旗舰店"))
        self.assertIn("经营看板", d.title)

    def test_store_manager_reads_a_store_dashboard_and_drills_into_a_day(self):
        self.sign_in("li.manager")
        d = self.driver
        self.open_dashboard()
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#charts svg.chart")), 8)
        # A year of traffic was imported: visitors and conversion are figures, not dashes.
        tiles = {t.find_element(By.CLASS_NAME, "tile-label").text: t.find_element(By.CLASS_NAME, "tile-value").text
                 for t in d.find_elements(By.CSS_SELECTOR, "#totals .tile")}
        self.assertNotEqual(tiles["访客数"], "—")
        self.assertTrue(tiles["支付转化率"].endswith("%"))
        days = d.find_elements(By.CSS_SELECTOR, "#day-table tbody tr")
        self.assertEqual(len(days), 30)
        # The last year shows as its own line only where there are figures; the period's line is drawn.
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#charts polyline.series-current"))
        self.shot("dashboard-1280")
        d.set_window_size(390, 900)
        self.shot("dashboard-390")
        width = d.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 400, "nothing wider than a phone")
        d.set_window_size(1280, 900)
        gmv_link = d.find_element(By.CSS_SELECTOR, "#day-table tbody tr td[data-label='成交额'] a")
        self.submit_and_wait(gmv_link)
        self.assertIn("/orders?paid=", d.current_url)
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#orders tbody tr"))

    def test_the_brand_reads_its_own_dashboards_and_the_overview(self):
        self.sign_in("huayang.brand")
        d = self.driver
        d.get(BASE + "/overview")
        names = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#overview-table tbody th a")]
        self.assertEqual(sorted(names), ["花漾美妆官方旗舰店", "花漾美妆抖音旗舰店"])
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "花漾美妆官方旗舰店"))
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#charts svg.chart")), 8)
        self.assertFalse(d.find_elements(By.CSS_SELECTOR, "main form[method=post] button"), "read only")
        self.shot("dashboard-brand")


if __name__ == "__main__":
    unittest.main()
