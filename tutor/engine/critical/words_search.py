"""Words for a numerical search: what region it covered, how, and why that is no proof of completeness."""
from __future__ import annotations

from tutor.engine.critical.records import SearchSummary
from tutor.render import Line, line
from tutor.render.words import count


def region(s: SearchSummary) -> str:
    return " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in s.searched) if s.searched else "no window"


def search_line(s: SearchSummary) -> Line:
    how = ("the time limit stopped the growing windows" if s.cut
           else "the last window added no new point" if s.stable else "the last window still added points")
    text = (f"Newton's method from {s.starts} starting points on grids over windows growing from the centre "
            f"({how}); searched completely: {region(s)}. Each point refined to {s.digits} digits; "
            f"{s.proved} proved by the Krawczyk test (interval arithmetic).")
    if s.unconfirmed:
        text += (f" {count(s.unconfirmed, 'near-zero')} of the gradient could not be proved (degenerate, or a "
                 "near-family where the gradient is tiny) and are not listed.")
    return line(text)


def search_completeness(s: SearchSummary) -> Line:
    return line(f"This list is not proved complete: the numerical search covered {region(s)} with {s.starts} "
                "starts, and there may be critical points, inside or outside that region, that it did not find.")
