/* test_dates.c - the pieces under date resolution: calendar arithmetic, the
 * numeral reader (digits and Chinese numerals), and the date and time-of-day
 * expressions found in folded text.
 * SPDX-License-Identifier: MIT */
#include "dates.h"
#include "harness.h"
#include "numeral.h"

#include <string.h>

static int num(const char *s)
{
	const char *p = s;
	int v = -1;
	if (!annals_numeral_parse(&p, s + strlen(s), &v))
		return -1;
	return v;
}

static struct dexp one(const char *s)
{
	struct dexp x[4];
	memset(x, 0, sizeof x);
	annals_dates_scan(s, 0, strlen(s), x, 4);
	return x[0];
}

int main(void)
{
	int y, m, d, k;
	long z;
	struct dexp x;
	struct tod_exp t[4];
	/* calendar */
	INT_EQ(annals_weekday(2025, 12, 4), 4);  /* a Thursday */
	INT_EQ(annals_weekday(2024, 10, 22), 2); /* a Tuesday */
	INT_EQ(annals_weekday(2000, 2, 29), 2);
	z = annals_days_from_civil(2024, 3, 1) - 1;
	annals_civil_from_days(z, &y, &m, &d);
	OK(y == 2024 && m == 2 && d == 29, "leap day: %d-%d-%d", y, m, d);
	for (k = -1000; k < 1000; k += 37) {
		annals_civil_from_days(20000 + k, &y, &m, &d);
		INT_EQ(annals_days_from_civil(y, m, d), 20000 + k);
	}
	/* numerals */
	INT_EQ(num("21"), 21);
	INT_EQ(num("二十一"), 21);
	INT_EQ(num("三十"), 30);
	INT_EQ(num("十"), 10);
	INT_EQ(num("十五"), 15);
	INT_EQ(num("二〇二五"), 2025);
	INT_EQ(num("一百二十"), 120);
	INT_EQ(num("两"), 2);
	INT_EQ(num("年"), -1);
	/* date expressions */
	x = one("当地时间三月二十一日下午");
	OK(x.kind == DX_MD && x.m == 3 && x.d == 21, "三月二十一日: kind %d %d-%d", x.kind, x.m, x.d);
	x = one("2023年4月14日下午");
	OK(x.kind == DX_FULL && x.y == 2023 && x.m == 4 && x.d == 14, "full date");
	x = one("2024年5月赴法国");
	OK(x.kind == DX_FULL && x.y == 2024 && x.m == 5 && x.d == 0, "year-month");
	x = one("习近平4日在北京");
	OK(x.kind == DX_D && x.d == 4, "4日");
	x = one("总统赖清德今(18)日上午");
	OK(x.kind == DX_D && x.d == 18, "今(18)日");
	x = one("习近平四日与");
	OK(x.kind == DX_D && x.d == 4, "四日");
	x = one("中国国家主席习近平星期四(7月28日)晚");
	OK(x.kind == DX_WEEKDAY && x.wday == 4, "星期四");
	x = one("周五在");
	OK(x.kind == DX_WEEKDAY && x.wday == 5, "周五");
	x = one("in Beijing on Thursday.");
	OK(x.kind == DX_WEEKDAY && x.wday == 4, "Thursday");
	x = one("In the evening of December 13, 2013, Wang Yi");
	OK(x.kind == DX_FULL && x.y == 2013 && x.m == 12 && x.d == 13, "December 13, 2013");
	x = one("BEIJING, Dec. 4 (Xinhua)");
	OK(x.kind == DX_MD && x.m == 12 && x.d == 4, "Dec. 4");
	x = one("李在明前一天与");
	INT_EQ(x.kind, DX_PREV);
	x = one("李在明同一天在北京");
	INT_EQ(x.kind, DX_SAME);
	x = one("昨天下午");
	OK(x.kind == DX_REL && x.rel == -1, "昨天");
	x = one("from around 2018, meeting");
	OK(x.kind == DX_YEAR && x.y == 2018, "bare year");
	x = one("两国元首一致同意");
	INT_EQ(x.kind, DX_NONE);
	x = one("第三次会晤");
	INT_EQ(x.kind, DX_NONE);
	/* times of day */
	INT_EQ(annals_tod_scan("4日晚间与", 0, strlen("4日晚间与"), t, 4), 1);
	INT_EQ(t[0].tod, TOD_EVENING);
	INT_EQ(annals_tod_scan("(7月28日)晚应约", 0, strlen("(7月28日)晚应约"), t, 4), 1);
	INT_EQ(t[0].tod, TOD_EVENING);
	INT_EQ(annals_tod_scan("并在晚宴上", 0, strlen("并在晚宴上"), t, 4), 0);
	INT_EQ(annals_tod_scan("ended at 20:10 Moscow time", 0, 26, t, 4), 1);
	INT_EQ(t[0].tod, TOD_EVENING);
	INT_EQ(annals_tod_scan("on Tuesday afternoon", 0, 20, t, 4), 1);
	INT_EQ(t[0].tod, TOD_AFTERNOON);
	return h_done("dates");
}
