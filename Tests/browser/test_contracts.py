"""Real-browser test of the contracts against `daiyun demo`: the admin sends the month's statement, the brand disputes a
line, the admin revises, the brand confirms; each side sees only its own steps."""
import unittest

from selenium.webdriver.common.by import By

from browser_support import BASE, BrowserTest


class ContractsTest(BrowserTest):
    def open_latest_statement(self):
        d = self.driver
        d.get(BASE + "/contracts")
        self.submit_and_wait(d.find_element(By.LINK_TEXT, "花漾美妆 全托管运营合同"))
        months = d.find_elements(By.CSS_SELECTOR, "#contract-months tbody th a")
        self.assertGreaterEqual(len(months), 12, "a year of months")
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#contract-scorecard ul.scorecard li.kpi-met"))
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#contract-months .state-final"))
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "#contract-months tbody tr .state-draft").find_element(
            By.XPATH, "ancestor::tr//th/a"))
        self.assertIn("结算单", d.title)

    def step(self, label):
        d = self.driver
        button = [b for b in d.find_elements(By.CSS_SELECTOR, "#statement-steps button") if b.text == label]
        self.assertTrue(button, f"no step {label}: {[b.text for b in d.find_elements(By.CSS_SELECTOR, '#statement-steps button')]}")
        self.submit_and_wait(button[0])

    def state(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#statement-state .status").text

    def test_a_statement_from_draft_to_confirmed_between_the_agency_and_the_brand(self):
        d = self.driver
        self.sign_in("admin")
        self.open_latest_statement()
        self.assertEqual(self.state(), "草稿")
        steps = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#statement-lines ol.steps li")]
        self.assertTrue(any(s.startswith("月服务费 ¥25,000.00 × ") for s in steps), steps)
        self.assertTrue(any(s.startswith("第 1 档（¥0.00 至 ¥100,000.00）") for s in steps), steps)
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#statement-lines td a[href*='/dashboard']"), "bases link to the days")
        self.shot("statement-admin-1440")
        self.step("发送给品牌方确认")
        self.assertEqual(self.state(), "待品牌方确认")
        url = d.current_url
        d.delete_all_cookies()

        self.sign_in("huayang.brand")
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#statements .chip"), "the home says the statement waits for the brand")
        d.get(url)
        self.assertFalse([b for b in d.find_elements(By.CSS_SELECTOR, "#statement-steps button") if "定稿" in b.text])
        d.set_window_size(390, 900)
        self.shot("statement-brand-390")
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"), 400, "nothing wider than a phone")
        d.set_window_size(1440, 900)
        d.find_element(By.ID, "dispute-comment").send_keys("11 月 20 日的大额退款未计入，请核对净销售额。")
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "#dispute-form button"))
        self.assertEqual(self.state(), "品牌方有异议")
        self.assertIn("11 月 20 日的大额退款未计入", d.find_element(By.ID, "statement-history").text)
        d.delete_all_cookies()

        self.sign_in("admin")
        d.get(url)
        self.step("按当前数据修订并重新发送")
        self.assertEqual(self.state(), "待品牌方确认")
        self.assertIn("第 2 稿", d.find_element(By.ID, "statement-state").text)
        d.delete_all_cookies()

        self.sign_in("huayang.brand")
        d.get(url)
        self.step("确认结算单")
        self.assertEqual(self.state(), "品牌方已确认")
        self.assertIn("保存的数字与哈希一致", d.find_element(By.ID, "statement-hash").text)
        self.shot("statement-brand-1440")


if __name__ == "__main__":
    unittest.main()
