#!/usr/bin/env python3
"""The same reviews as Benchmarks/Sources/fsrs-million, with the reference Python package.

usage: fsrs_reference.py CARDS REVIEWS_PER_CARD   (needs `pip install fsrs==6.3.2`)
"""
import sys
import time
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler

cards, per_card = int(sys.argv[1]), int(sys.argv[2])
scheduler = Scheduler(enable_fuzzing=False)
ratings = [Rating.Good, Rating.Good, Rating.Hard, Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Good]
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
began = time.perf_counter()
checksum = 0.0
for index in range(cards):
    card = Card(card_id=index + 1, due=start)
    now = start
    for review in range(per_card):
        card, _ = scheduler.review_card(card, ratings[(index + review) % len(ratings)], now)
        now = card.due
    checksum += card.stability
elapsed = time.perf_counter() - began
print(f"reviews={cards * per_card} seconds={elapsed} rate={int(cards * per_card / elapsed)}/s checksum={checksum}")
