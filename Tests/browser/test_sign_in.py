"""Real-browser test: staff and brand viewers sign in and see the right stores, in zh-CN and en.

Runs against a server started with `daiyun demo` (DAIYUN_URL, default http://127.0.0.1:8080).
Screenshots go to DAIYUN_SCREENSHOTS when it is set.
"""
import unittest

from selenium.webdriver.common.by import By

from browser_support import BASE, BrowserTest

HUAYANG_STORES = {"花漾美妆官方旗舰店", "花漾美妆抖音旗舰店"}
ZHIJIN_STORES = {"织锦服饰天猫旗舰店", "织锦服饰京东旗舰店"}
HETIAN_STORES = {"禾田食品拼多多旗舰店"}


class SignInTest(BrowserTest):
    def store_names(self):
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#stores tbody tr td:first-child a")
        return {r.text for r in rows}

    def test_staff_sees_assigned_stores_in_chinese(self):
        self.sign_in("li.manager")
        d = self.driver
        self.assertEqual(self.lang(), "zh-CN")
        self.assertIn("工作台", d.find_element(By.TAG_NAME, "h1").text)
        # A store manager's workbench: today's figures, what waits, each store's line.
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#figures .tile"))
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#todo .tile"))
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#store-figures tbody tr")), len(HUAYANG_STORES))
        self.assertEqual(self.store_names(), HUAYANG_STORES)
        self.shot("staff-home-zh")
        # Switching the language is the user's own setting and shows every string in English.
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "button[name=language][value=en]"))
        self.assertEqual(self.lang(), "en")
        self.assertIn("Workbench", d.find_element(By.TAG_NAME, "h1").text)
        self.assertEqual(self.store_names(), HUAYANG_STORES)
        self.shot("staff-home-en")
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "button[name=language][value=zh-CN]"))
        self.assertEqual(self.lang(), "zh-CN")

    def test_admin_sees_every_store(self):
        self.sign_in("admin")
        self.assertEqual(self.store_names(), HUAYANG_STORES | ZHIJIN_STORES | HETIAN_STORES)
        self.shot("admin-home-zh")
        self.driver.get(BASE + "/staff")
        self.shot("admin-staff-zh")
        self.driver.get(BASE + "/audit")
        self.shot("admin-audit-zh")

    def test_brand_viewer_lands_on_own_workbench_in_english(self):
        # zhijin.brand's language is English.
        self.sign_in("zhijin.brand", english=True)
        d = self.driver
        self.assertEqual(self.lang(), "en")
        self.assertIn("Workbench", d.find_element(By.TAG_NAME, "h1").text)
        self.assertIn("Month to date", d.find_element(By.ID, "figures").text)
        self.assertEqual(d.find_elements(By.ID, "shipping"), [], "a brand reads figures, not the agency's queues")
        self.assertEqual(self.store_names(), ZHIJIN_STORES)
        self.shot("brand-workbench-en")
        self.submit_and_wait(d.find_element(By.CSS_SELECTOR, "#stores tbody tr td:nth-child(2) a"))
        self.assertIn("/clients/", d.current_url)
        self.assertIn("Brand read-only view", d.find_element(By.CLASS_NAME, "notice").text)
        self.assertEqual(self.store_names(), ZHIJIN_STORES)
        self.assertTrue(d.find_element(By.ID, "audit-hash").text.strip())
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form[action$='/stores']"), [])
        self.shot("brand-client-en")

    def test_brand_viewer_in_chinese_sees_only_own_stores(self):
        self.sign_in("hetian.brand")
        d = self.driver
        self.assertEqual(self.lang(), "zh-CN")
        self.assertIn("品牌方只读视图", d.find_element(By.CLASS_NAME, "notice").text)
        self.assertEqual(self.store_names(), HETIAN_STORES)
        self.shot("brand-client-zh")

    def test_wrong_password_is_refused_without_saying_which_part(self):
        d = self.driver
        d.get(BASE + "/login")
        d.find_element(By.ID, "login").send_keys("nobody.here")
        d.find_element(By.ID, "password").send_keys("wrong-password-1")
        self.submit_and_wait(d.find_element(By.ID, "sign-in"))
        self.assertIn("登录名或密码错误", d.find_element(By.ID, "sign-in-error").text)
        self.shot("sign-in-error-zh")


if __name__ == "__main__":
    unittest.main(verbosity=2)
