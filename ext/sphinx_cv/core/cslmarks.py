"""The marks sphinx-cv puts in the CSL engine's output: private-use characters, stripped from any input.

Apart from :mod:`.csltext` and :mod:`.cslfix` (which import citeproc-py) so that
:mod:`.csl` can be imported, for its types and names, without the engine.
"""

from __future__ import annotations

import re

#: private-use characters: styles open with OPEN + a code and close with CLOSE
OPEN, CLOSE = "\ue000", "\ue001"
#: a person's name parts: PERSON + chr(PERSON_BASE + n) ... PERSON_END
PERSON, PERSON_END, PERSON_BASE = "\ue002", "\ue003", 0xE100
#: around the first field of a ``second-field-align`` bibliography (a numeric label)
LABEL, LABEL_END = "\ue004", "\ue005"
#: around the item's title (the page link goes there)
TITLE, TITLE_END = "\ue006", "\ue007"
#: every mark, so that input text cannot forge one
MARKS = re.compile("[\ue000-\ue0ff\ue100-\ue8ff]")
#: name variables whose persons are marked, and the offset of each in the mark's code
PERSON_ROLES = {"author": 0, "editor": 1024}
