"""Demo registration databases: this year's and last year's Baltic cluster conference.

generate() writes them; the modules split the work: world (plans, shared state), organisations,
people, matchmaking, workshops, checkins, the word lists and naming rules, and the writing
(editions, batched inserts and indexes, the second process for big SQLite demos).
"""

from data.demo.generator import generate
from data.demo.writing import DemoExistsError

__all__ = ["DemoExistsError", "generate"]
