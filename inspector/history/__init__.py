"""Case history: who shipped what to whom, when, through where; party entities; fragmentation."""
