"""Real-world label variants per field, for the English paperwork (invoice, packing list, B/L)."""

from __future__ import annotations

import random

LABELS: dict[str, tuple[str, ...]] = {
    "invoice_number": ("Invoice No.", "Inv. No.", "Invoice Number", "INVOICE NO."),
    "date": ("Date", "Invoice Date", "Date of Issue", "DATE"),
    "exporter": ("Shipper/Exporter", "Seller", "Exporter", "SHIPPER"),
    "consignee": ("Consignee", "Buyer", "Sold to / Consignee", "CONSIGNEE"),
    "end_user": ("End User", "Final End User", "END USER"),
    "port_of_loading": ("Port of Loading", "From", "Port of Shipment", "POL"),
    "port_of_discharge": ("Port of Discharge", "To", "Port of Destination", "POD"),
    "vessel": ("Vessel", "Vessel/Voyage", "Shipped per", "Carrier"),
    "country_of_origin": ("Country of Origin", "Origin", "Made in"),
    "country_of_destination": ("Final Destination", "Country of Destination", "Destination"),
    "licence_number": ("Export Licence No.", "Licence No.", "Export License No."),
    "contract_number": ("Contract No.", "S/C No.", "P.O. No."),
    "terms": ("Terms of Delivery", "Price Terms", "Incoterms"),
    "payment": ("Payment Terms", "Terms of Payment", "Payment"),
    "total_net": ("Total Net Weight", "Total N.W.", "Net Weight"),
    "total_gross": ("Total Gross Weight", "Total G.W.", "Gross Weight"),
    "total_value": ("Total Amount", "TOTAL AMOUNT", "Invoice Total", "Total Value"),
    "packages": ("Packages", "Total Packages", "No. of Packages", "Packing"),
    "packing_list_number": ("P/L No.", "Packing List No.", "Ref. No."),
    "containers": ("Container No.", "Container Nos.", "CNTR NO."),
}


def pick(rng: random.Random, key: str) -> str:
    """One label variant for a field."""
    return rng.choice(LABELS[key])
