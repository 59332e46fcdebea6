"""Words the screens and the slips share: the names of the priority groups (UU 25/2009
Pasal 29), said the same on the detail screen, the ticket screen and the slip.

Pure Python, like ``mpp_core.i18n``.
"""

from __future__ import annotations

from typing import Final

from mpp_core.domain.numbering import PriorityGroup
from mpp_core.i18n import Text

PRIORITY_GROUPS: Final[dict[PriorityGroup, Text]] = {
    PriorityGroup.LANSIA: Text("Lansia", "Elderly"),
    PriorityGroup.DISABILITAS: Text("Disabilitas", "Disability"),
    PriorityGroup.HAMIL: Text("Ibu hamil", "Pregnant"),
    PriorityGroup.ANAK: Text("Membawa anak", "With children"),
}
