"""`make bench`: every view measured against the database's own floor and a naive baseline."""
