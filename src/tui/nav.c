/* SPDX-License-Identifier: MIT */
/* Movement actions on lists and texts. */
#include "nav.h"

#include "view.h"

bool nav_list(pager *p, tui_action act, csr_code *rc, csr_err *err)
{
	switch (act) {
	case ACT_UP: *rc = pager_step(p, -1, err); return true;
	case ACT_DOWN: *rc = pager_step(p, 1, err); return true;
	case ACT_PAGE_UP: *rc = pager_page(p, -1, err); return true;
	case ACT_PAGE_DOWN: *rc = pager_page(p, 1, err); return true;
	case ACT_HOME: *rc = pager_home(p, err); return true;
	case ACT_END: *rc = pager_end(p, err); return true;
	default: return false;
	}
}

bool nav_scroll(tui_action act, int *scroll, int lines, int height)
{
	int page = height > 2 ? height - 2 : 1; /* keep a line of the last page */
	switch (act) {
	case ACT_UP: (*scroll)--; break;
	case ACT_DOWN: (*scroll)++; break;
	case ACT_PAGE_UP: *scroll -= page; break;
	case ACT_PAGE_DOWN: *scroll += page; break;
	case ACT_HOME: *scroll = 0; break;
	case ACT_END: *scroll = lines; break;
	default: return false;
	}
	*scroll = view_clamp(*scroll, lines, height);
	return true;
}
