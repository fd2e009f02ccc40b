"""Resources and the EAP zone, in parts (one sub-package each, decision 0042):

- `resources/zone/`: the EAP zone: the programme's pages, news, questions and answers,
  printable materials.
- `resources/directory/`: the resource directory (shaped like Open Referral's HSDS), its
  search and the care-resource map.
- `resources/advice/`: advice at fixed times: slots from a service's weekly schedule,
  sealed-topic bookings.
- `resources/channels/`: topic channels: private membership, posts, moderated comments,
  digests, LINE delivery.
"""

from anxin.resources.advice.models import *  # noqa: F403
from anxin.resources.channels.models import *  # noqa: F403
from anxin.resources.directory.models import *  # noqa: F403
from anxin.resources.zone.models import *  # noqa: F403
