/* test-verdict-pure.h — verdict rules on lookups built in the test, no store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

void test_verdict_pure_add (void);
