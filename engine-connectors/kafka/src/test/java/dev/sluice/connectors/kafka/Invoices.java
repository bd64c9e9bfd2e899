package dev.sluice.connectors.kafka;

import dev.sluice.sql.types.StructType;

/** The invoices of the tutorial's Kafka cases (3 and 4) and the schema it declares for them. */
final class Invoices {
    static final StructType SCHEMA = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT, StoreID STRING,"
            + " PosID STRING, CashierID STRING, CustomerType STRING, CustomerCardNo STRING, TotalAmount DOUBLE,"
            + " NumberOfItems INT, PaymentMethod STRING, CGST DOUBLE, SGST DOUBLE, CESS DOUBLE, DeliveryType STRING,"
            + " DeliveryAddress STRUCT<AddressLine: STRING, City: STRING, State: STRING, PinCode: STRING,"
            + " ContactNumber: STRING>, InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING, ItemDescription: STRING,"
            + " ItemPrice: DOUBLE, ItemQty: INT, TotalValue: DOUBLE>>");

    /** The invoice pasted into the console producer in the tutorial. */
    static final String FIRST = "{\"InvoiceNumber\":\"51402977\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
            + "\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\",\"CustomerCardNo\":\"4629185211\","
            + "\"TotalAmount\":11114.0,\"NumberOfItems\":4,\"PaymentMethod\":\"CARD\",\"TaxableAmount\":11114.0,"
            + "\"CGST\":277.85,\"SGST\":277.85,\"CESS\":13.8925,\"DeliveryType\":\"TAKEAWAY\",\"InvoiceLineItems\":["
            + "{\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\",\"ItemPrice\":1644.0,\"ItemQty\":2,\"TotalValue\":3288.0},"
            + "{\"ItemCode\":\"283\",\"ItemDescription\":\"Portable Lamps\",\"ItemPrice\":2236.0,\"ItemQty\":1,\"TotalValue\":2236.0},"
            + "{\"ItemCode\":\"498\",\"ItemDescription\":\"Carving knifes\",\"ItemPrice\":1424.0,\"ItemQty\":2,\"TotalValue\":2848.0},"
            + "{\"ItemCode\":\"523\",\"ItemDescription\":\"Oil-lamp clock\",\"ItemPrice\":1371.0,\"ItemQty\":2,\"TotalValue\":2742.0}]}";

    private Invoices() {
    }

    /** A smaller invoice with the given number, card and total. */
    static String invoice(String number, String card, double total) {
        return "{\"InvoiceNumber\":\"" + number + "\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
                + "\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\",\"CustomerCardNo\":\"" + card
                + "\",\"TotalAmount\":" + total + ",\"NumberOfItems\":1,\"PaymentMethod\":\"CARD\",\"CGST\":1.0,"
                + "\"SGST\":1.0,\"CESS\":0.5,\"DeliveryType\":\"HOME-DELIVERY\",\"DeliveryAddress\":{\"AddressLine\":"
                + "\"1 Main St\",\"City\":\"Pune\",\"State\":\"Maharashtra\",\"PinCode\":\"411001\",\"ContactNumber\":"
                + "\"123\"},\"InvoiceLineItems\":[{\"ItemCode\":\"1\",\"ItemDescription\":\"Lamp\",\"ItemPrice\":"
                + total + ",\"ItemQty\":1,\"TotalValue\":" + total + "}]}";
    }
}
