package dev.sluice.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator follows the published Nexmark model; expected figures come from the model's rules. */
class NexmarkGeneratorTest {
    private static List<Event> events(NexmarkConfig config, int n) {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.event(i));
        }
        return out;
    }

    @Test
    void sameSeedSameStreamOtherSeedOtherStream() {
        List<Event> a = events(NexmarkConfig.defaults().withSeed(7), 5_000);
        assertThat(events(NexmarkConfig.defaults().withSeed(7), 5_000)).isEqualTo(a);
        List<Event> other = events(NexmarkConfig.defaults().withSeed(8), 5_000);
        assertThat(other).isNotEqualTo(a);
        // The seed changes the draws, never the model's skeleton: kinds, ids and times stay.
        for (int i = 0; i < a.size(); i++) {
            assertThat(other.get(i).eventType()).isEqualTo(a.get(i).eventType());
            assertThat(other.get(i).dateTime()).isEqualTo(a.get(i).dateTime());
        }
    }

    @Test
    void anyEventCanBeMadeAloneAsInTheStream() {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults().withOutOfOrderGroupSize(37));
        List<Event> stream = events(generator.config(), 3_000);
        for (int i = 2_999; i >= 0; i -= 7) {
            assertThat(generator.event(i)).isEqualTo(stream.get(i));
        }
    }

    @Test
    void peopleAuctionsAndBidsComeOneToThreeToFortySix() {
        int[] counts = new int[3];
        for (Event e : events(NexmarkConfig.defaults(), 50_000)) {
            counts[e.eventType()]++;
        }
        assertThat(counts).containsExactly(1_000, 3_000, 46_000);
        // Within every block of 50: person first, then three auctions, then 46 bids.
        List<Event> first = events(NexmarkConfig.defaults(), 50);
        assertThat(first.get(0).eventType()).isEqualTo(Event.PERSON);
        assertThat(first.subList(1, 4)).allMatch(e -> e.eventType() == Event.AUCTION);
        assertThat(first.subList(4, 50)).allMatch(e -> e.eventType() == Event.BID);
    }

    @Test
    void newPeopleAndAuctionsGetConsecutiveIdsFromOneThousand() {
        long nextPerson = 1000;
        long nextAuction = 1000;
        for (Event e : events(NexmarkConfig.defaults(), 20_000)) {
            if (e.eventType() == Event.PERSON) {
                assertThat(e.person().id()).isEqualTo(nextPerson++);
            } else if (e.eventType() == Event.AUCTION) {
                assertThat(e.auction().id()).isEqualTo(nextAuction++);
                assertThat(e.auction().category()).isBetween(10L, 14L);
                assertThat(e.auction().expires()).isGreaterThan(e.auction().dateTime());
                assertThat(e.auction().reserve()).isGreaterThanOrEqualTo(e.auction().initialBid());
            }
        }
    }

    @Test
    void idsReferToEarlierEventsUpToTheModelsLead() {
        long lastPerson = -1;
        long lastAuction = -1;
        int auctionRefs = 0;
        int auctionRefsToExisting = 0;
        int personRefs = 0;
        int personRefsToExisting = 0;
        for (Event e : events(NexmarkConfig.defaults().withSeed(3), 100_000)) {
            switch (e.eventType()) {
                case Event.PERSON -> lastPerson = e.person().id();
                case Event.AUCTION -> {
                    lastAuction = e.auction().id();
                    assertThat(e.auction().seller()).isBetween(1000L, lastPerson + NexmarkGenerator.PERSON_ID_LEAD);
                    personRefs++;
                    personRefsToExisting += e.auction().seller() <= lastPerson ? 1 : 0;
                }
                default -> {
                    assertThat(e.bid().auction()).isBetween(1000L, lastAuction + NexmarkGenerator.AUCTION_ID_LEAD);
                    assertThat(e.bid().bidder()).isBetween(1000L, lastPerson + NexmarkGenerator.PERSON_ID_LEAD);
                    auctionRefs++;
                    auctionRefsToExisting += e.bid().auction() <= lastAuction ? 1 : 0;
                    personRefs++;
                    personRefsToExisting += e.bid().bidder() <= lastPerson ? 1 : 0;
                }
            }
        }
        // Auctions: only a cold draw (1/2) landing in the lead (10 of ~111 ids) points ahead: about 4.5%.
        assertThat(auctionRefsToExisting / (double) auctionRefs).isBetween(0.93, 0.97);
        // People: the model's hot bidder is (last / 4) * 4 + 1, one ahead whenever last is a multiple of 4
        // (3/4 * 1/4 of the bids), plus cold draws in the lead: about 80% refer to people already made.
        assertThat(personRefsToExisting / (double) personRefs).isBetween(0.77, 0.84);
    }

    @Test
    void halfOfTheBidsGoToHotAuctionsAndMostToHotBidders() {
        int bids = 0;
        int hotAuction = 0;
        int hotBidder = 0;
        long lastAuction = -1;
        long lastPerson = -1;
        for (Event e : events(NexmarkConfig.defaults().withSeed(11), 100_000)) {
            if (e.eventType() == Event.PERSON) {
                lastPerson = e.person().id();
            } else if (e.eventType() == Event.AUCTION) {
                lastAuction = e.auction().id();
            } else if (e.eventType() == Event.BID) {
                bids++;
                long base0 = lastAuction - 1000;
                hotAuction += e.bid().auction() == (base0 / 2) * 2 + 1000 ? 1 : 0;
                hotBidder += e.bid().bidder() == ((lastPerson - 1000) / 4) * 4 + 1 + 1000 ? 1 : 0;
            }
        }
        // Rule: hot with probability 1/2, plus the cold draws that land on it by chance.
        assertThat(hotAuction / (double) bids).isBetween(0.48, 0.56);
        // Hot bidders (ratio 4): 3/4 of the bids go to the current hot person, plus rare cold hits.
        assertThat(hotBidder / (double) bids).isBetween(0.74, 0.77);
    }

    @Test
    void eventTimeAdvancesAtTheConfiguredRate() {
        NexmarkConfig config = NexmarkConfig.defaults().withEventsPerSecond(1_000).withBaseTimeMillis(5_000);
        List<Event> stream = events(config, 10_000);
        for (int i = 0; i < stream.size(); i++) {
            assertThat(stream.get(i).dateTime()).isEqualTo(5_000 + i);
        }
    }

    @Test
    void outOfOrdernessIsBoundedByTheGroupSize() {
        NexmarkConfig config = NexmarkConfig.defaults().withEventsPerSecond(1_000).withOutOfOrderGroupSize(100);
        List<Event> stream = events(config, 20_000);
        long max = Long.MIN_VALUE;
        long worst = 0;
        int late = 0;
        for (Event e : stream) {
            if (e.dateTime() < max) {
                late++;
                worst = Math.max(worst, max - e.dateTime());
            }
            max = Math.max(max, e.dateTime());
        }
        assertThat(late).isGreaterThan(1_000);
        assertThat(worst).isLessThanOrEqualTo(config.maxOutOfOrdernessMillis()).isGreaterThan(50);
        // A permutation within each group: every event number still appears exactly once.
        assertThat(stream.stream().mapToLong(Event::dateTime).distinct().count()).isEqualTo(20_000);
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NexmarkConfig.defaults().withEventsPerSecond(0))
                .hasMessageContaining("eventsPerSecond");
        assertThatThrownBy(() -> NexmarkConfig.defaults().withOutOfOrderGroupSize(953))
                .hasMessageContaining("outOfOrderGroupSize");
    }
}
