/* server-draw.h — the 双随机 draw: businesses drawn at random from a region,
 * weighted by credit class, each assigned to an inspector.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-draws.h"

G_BEGIN_DECLS

/* The weight of a credit class: A 1, B 2, C 4, D 8; unknown as B. */
guint       server_draw_weight (const char  *credit_class);
/* Draws up to @size of @parties (a GPtrArray of SuyuanParty, by id) without
 * replacement, each with probability in proportion to its weight, from the
 * random numbers @seed gives: the same seed and parties, the same draw.
 * Assigns them round robin to @inspectors (token names, at least one).
 * The draw's id, region, times and author are the caller's. */
ServerDraw *server_draw_make   (GPtrArray          *parties,
                                guint               size,
                                const char         *seed,
                                const char *const  *inspectors);

G_END_DECLS
