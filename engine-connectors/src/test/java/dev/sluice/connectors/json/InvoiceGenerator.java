package dev.sluice.connectors.json;

import java.util.Locale;
import java.util.Random;

/**
 * Deterministic invoices of the tutorial's shape (Case 2): JSON Lines whose first record is the
 * tutorial's sample invoice; home deliveries carry a {@code DeliveryAddress} struct, every invoice an
 * {@code InvoiceLineItems} array of structs.
 */
public final class InvoiceGenerator {
    private static final String[] ITEMS = {"Wine glass", "Portable Lamps", "Carving knifes", "Oil-lamp clock",
        "Tea set", "Bed sheets", "Wall clock"};
    private static final String[] CITIES = {"Mumbai", "Pune", "Kolkata", "Chennai"};
    private static final String[] STATES = {"Maharashtra", "Maharashtra", "West Bengal", "Tamil Nadu"};

    private InvoiceGenerator() {
    }

    /** {@code count} invoices, one per line; the same seed gives the same text. */
    public static String jsonLines(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        out.append("{\"InvoiceNumber\":\"51402977\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
                + "\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\",\"CustomerCardNo\":\"4629185211\","
                + "\"TotalAmount\":11114.0,\"NumberOfItems\":4,\"PaymentMethod\":\"CARD\",\"TaxableAmount\":11114.0,"
                + "\"CGST\":277.85,\"SGST\":277.85,\"CESS\":13.8925,\"DeliveryType\":\"TAKEAWAY\",\"InvoiceLineItems\":["
                + "{\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\",\"ItemPrice\":1644.0,\"ItemQty\":2,\"TotalValue\":3288.0},"
                + "{\"ItemCode\":\"283\",\"ItemDescription\":\"Portable Lamps\",\"ItemPrice\":2236.0,\"ItemQty\":1,\"TotalValue\":2236.0},"
                + "{\"ItemCode\":\"498\",\"ItemDescription\":\"Carving knifes\",\"ItemPrice\":1424.0,\"ItemQty\":2,\"TotalValue\":2848.0},"
                + "{\"ItemCode\":\"523\",\"ItemDescription\":\"Oil-lamp clock\",\"ItemPrice\":1371.0,\"ItemQty\":2,\"TotalValue\":2742.0}]}\n");
        for (int n = 1; n < count; n++) {
            boolean home = n % 2 == 1;
            int items = 1 + random.nextInt(4);
            StringBuilder lines = new StringBuilder();
            double total = 0;
            for (int i = 0; i < items; i++) {
                int item = random.nextInt(ITEMS.length);
                double price = 100 + random.nextInt(2000);
                int qty = 1 + random.nextInt(3);
                total += price * qty;
                lines.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "{\"ItemCode\":\"%d\",\"ItemDescription\":\"%s\","
                        + "\"ItemPrice\":%.1f,\"ItemQty\":%d,\"TotalValue\":%.1f}", 200 + item, ITEMS[item], price, qty, price * qty));
            }
            int city = random.nextInt(CITIES.length);
            out.append(String.format(Locale.ROOT, "{\"InvoiceNumber\":\"%d\",\"CreatedTime\":%d,\"StoreID\":\"STR%d\","
                    + "\"PosID\":\"POS%d\",\"CashierID\":\"OAS%d\",\"CustomerType\":\"%s\",\"CustomerCardNo\":\"%d\","
                    + "\"TotalAmount\":%.1f,\"NumberOfItems\":%d,\"PaymentMethod\":\"%s\",\"TaxableAmount\":%.1f,"
                    + "\"CGST\":%.2f,\"SGST\":%.2f,\"CESS\":%.4f,\"DeliveryType\":\"%s\",",
                    51402977 + n, 1595688900348L + n * 60_000L, 7000 + random.nextInt(300), 900 + random.nextInt(100),
                    100 + random.nextInt(50), n % 3 == 0 ? "NONPRIME" : "PRIME", 4629185211L + n, total, items,
                    n % 4 == 0 ? "CASH" : "CARD", total, total * 0.025, total * 0.025, total * 0.00125,
                    home ? "HOME-DELIVERY" : "TAKEAWAY"));
            if (home) {
                out.append(String.format(Locale.ROOT, "\"DeliveryAddress\":{\"AddressLine\":\"%d Main Road\",\"City\":\"%s\","
                        + "\"State\":\"%s\",\"PinCode\":\"%d\",\"ContactNumber\":\"%d\"},", 10 + n, CITIES[city], STATES[city],
                        400000 + random.nextInt(99999), 9800000000L + n));
            }
            out.append("\"InvoiceLineItems\":[").append(lines).append("]}\n");
        }
        return out.toString();
    }
}
