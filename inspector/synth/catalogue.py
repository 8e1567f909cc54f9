"""Reference tables for synthetic shipments: goods, places, ports, carriers, company-name parts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoodsSpec:
    """A kind of goods with its tariff code, unit, price range and usual packaging."""

    key: str
    description: str
    cn_name: str
    hs6: str  # international HS subheading, 6 digits
    hs10: str  # Chinese national tariff code, 10 digits, as on the export declaration
    unit: str  # KG, PCS, SQM
    price: tuple[float, float]  # per unit, USD
    lots: tuple[int, int]  # number of packages per goods line (min, max)
    package: str  # kind of package, plural, upper case
    per_package: float  # units per package
    kg_per_unit: float  # net weight per unit
    tare_kg: float  # packaging weight per package
    controlled: bool
    sector: str  # words for the exporter's name


CONTROLLED_GOODS = (
    GoodsSpec("dysprosium_oxide", "DYSPROSIUM OXIDE Dy2O3 99.9% MIN", "氧化镝", "284690", "2846901920",
              "KG", (230.0, 310.0), (10, 80), "DRUMS", 50, 1.0, 4.5, True, "Rare Earth Materials"),
    GoodsSpec("terbium_oxide", "TERBIUM OXIDE Tb4O7 99.99% MIN", "氧化铽", "284690", "2846901930",
              "KG", (800.0, 1100.0), (4, 20), "DRUMS", 25, 1.0, 3.2, True, "Rare Earth Materials"),
    GoodsSpec("gallium", "GALLIUM METAL INGOTS 99.99% (4N)", "未锻轧镓", "811292", "8112921010",
              "KG", (300.0, 520.0), (5, 40), "CARTONS", 20, 1.0, 1.6, True, "Gallium Technology"),
    GoodsSpec("germanium_dioxide", "GERMANIUM DIOXIDE GeO2 99.999%", "二氧化锗", "282560", "2825600001",
              "KG", (1100.0, 1600.0), (2, 20), "DRUMS", 25, 1.0, 3.0, True, "Germanium Materials"),
    GoodsSpec("antimony_trioxide", "ANTIMONY TRIOXIDE Sb2O3 99.8% MIN", "三氧化二锑", "282580", "2825800010",
              "KG", (18.0, 38.0), (8, 24), "BIG BAGS", 1000, 1.0, 3.5, True, "Antimony Industry"),
    GoodsSpec("spherical_graphite", "SPHERICAL GRAPHITE SG-17 99.95% C", "球化石墨", "380110", "3801100090",
              "KG", (2.2, 4.5), (10, 24), "BIG BAGS", 1000, 1.0, 3.5, True, "New Carbon Materials"),
    GoodsSpec("apt", "AMMONIUM PARATUNGSTATE (APT) WO3 88.5% MIN", "仲钨酸铵", "284180", "2841801000",
              "KG", (38.0, 52.0), (20, 80), "DRUMS", 100, 1.0, 6.0, True, "Tungsten Industry"),
)

ORDINARY_GOODS = (
    GoodsSpec("ceramic_tiles", "GLAZED PORCELAIN FLOOR TILES 600X600MM", "瓷质地砖", "690721", "6907210000",
              "SQM", (4.5, 9.0), (20, 60), "PALLETS", 46.08, 22.0, 25.0, False, "Ceramics"),
    GoodsSpec("tshirts", "MEN'S COTTON KNITTED T-SHIRTS", "棉制针织T恤衫", "610910", "6109100021",
              "PCS", (1.6, 4.2), (20, 120), "CARTONS", 100, 0.18, 1.2, False, "Garments"),
    GoodsSpec("led_lamps", "LED BULB LAMPS A60 9W E27", "LED灯泡", "853952", "8539520000",
              "PCS", (0.7, 1.9), (20, 150), "CARTONS", 100, 0.055, 0.9, False, "Lighting Technology"),
    GoodsSpec("fasteners", "STEEL HEX BOLTS M12 GRADE 8.8 ZINC PLATED", "钢制六角螺栓", "731815", "7318151001",
              "KG", (1.4, 2.8), (10, 40), "CARTONS", 25, 1.0, 0.6, False, "Hardware"),
)

GOODS = {g.key: g for g in CONTROLLED_GOODS + ORDINARY_GOODS}


@dataclass(frozen=True)
class Place:
    """A city with its province or region and post code."""

    city: str
    region: str
    postcode: str
    country: str  # ISO alpha-2


@dataclass(frozen=True)
class Port:
    """A seaport by UN/LOCODE."""

    locode: str
    name: str
    cn_name: str
    country: str  # ISO alpha-2


CN_PORTS = {p.locode: p for p in (
    Port("CNSHA", "Shanghai", "上海", "CN"),
    Port("CNNSA", "Nansha", "南沙", "CN"),
    Port("CNTAO", "Qingdao", "青岛", "CN"),
    Port("CNNGB", "Ningbo", "宁波", "CN"),
    Port("CNXMN", "Xiamen", "厦门", "CN"),
)}

FOREIGN_PORTS = {p.locode: p for p in (
    Port("NLRTM", "Rotterdam", "鹿特丹", "NL"),
    Port("DEHAM", "Hamburg", "汉堡", "DE"),
    Port("BEANR", "Antwerp", "安特卫普", "BE"),
    Port("JPYOK", "Yokohama", "横滨", "JP"),
    Port("KRPUS", "Busan", "釜山", "KR"),
    Port("USLAX", "Los Angeles", "洛杉矶", "US"),
    Port("SGSIN", "Singapore", "新加坡", "SG"),
)}

COUNTRIES = {  # alpha-2: (English, Chinese)
    "CN": ("China", "中国"), "NL": ("Netherlands", "荷兰"), "DE": ("Germany", "德国"),
    "BE": ("Belgium", "比利时"), "JP": ("Japan", "日本"), "KR": ("Republic of Korea", "韩国"),
    "US": ("United States", "美国"), "SG": ("Singapore", "新加坡"),
}

CUSTOMS_CODES = {"CNSHA": ("2248", "洋山海关"), "CNNSA": ("5166", "南沙海关"), "CNTAO": ("4227", "青岛大港海关"),
                 "CNNGB": ("3104", "北仑海关"), "CNXMN": ("3702", "海沧海关")}

# Exporter home towns, with the port they usually ship from.
CN_PLACES = (
    (Place("Ganzhou", "Jiangxi", "341000", "CN"), "CNXMN"),
    (Place("Baotou", "Inner Mongolia", "014030", "CN"), "CNTAO"),
    (Place("Changsha", "Hunan", "410000", "CN"), "CNNSA"),
    (Place("Zhuzhou", "Hunan", "412000", "CN"), "CNNSA"),
    (Place("Kunming", "Yunnan", "650000", "CN"), "CNNSA"),
    (Place("Xiamen", "Fujian", "361000", "CN"), "CNXMN"),
    (Place("Ningbo", "Zhejiang", "315000", "CN"), "CNNGB"),
    (Place("Suzhou", "Jiangsu", "215000", "CN"), "CNSHA"),
    (Place("Foshan", "Guangdong", "528000", "CN"), "CNNSA"),
    (Place("Qingdao", "Shandong", "266000", "CN"), "CNTAO"),
)
CN_FIRM_WORDS = ("Huaxin", "Jinlong", "Hengtai", "Ruifeng", "Zhongke", "Xinhai", "Tianyu", "Dingsheng",
                 "Hongda", "Changjiang", "Boyuan", "Shengtai")
CN_STREETS = ("Jinling Road", "Huangjin Avenue", "Kejiao Road", "Binjiang Road", "Xingye Street",
              "Chuangxin Avenue", "Yingbin Road", "Gongye Road")
CN_ZONES = ("Economic and Technological Development Zone", "High-tech Industrial Park",
            "Industrial Development Zone", "Free Trade Zone")

FOREIGN_PLACES = {
    "NL": (Place("Rotterdam", "", "3011 AA", "NL"), Place("Eindhoven", "", "5611 AB", "NL")),
    "DE": (Place("Hamburg", "", "20095", "DE"), Place("Stuttgart", "", "70173", "DE")),
    "BE": (Place("Antwerpen", "", "2000", "BE"), Place("Gent", "", "9000", "BE")),
    "JP": (Place("Yokohama", "Kanagawa", "220-0012", "JP"), Place("Tokyo", "Minato-ku", "105-0011", "JP")),
    "KR": (Place("Busan", "", "48058", "KR"), Place("Ulsan", "", "44543", "KR")),
    "US": (Place("Los Angeles", "CA", "90021", "US"), Place("Phoenix", "AZ", "85004", "US")),
    "SG": (Place("Singapore", "", "609927", "SG"), Place("Singapore", "", "629584", "SG")),
}
FOREIGN_FIRMS = {  # (name stems, legal suffix, street names)
    "NL": (("Van der Berg", "Maasland", "Delta", "Hollandia", "Oranje"), "B.V.",
           ("Waalhaven Zuidzijde", "Kanaalweg", "Stationsplein", "Industrieweg")),
    "DE": (("Nordmetall", "Rhein", "Hanse", "Elbe", "Bergmann"), "GmbH",
           ("Grosse Elbstrasse", "Industriestrasse", "Hafenweg", "Lindenallee")),
    "BE": (("Scheldt", "Antwerp", "Flanders", "Brabant"), "NV",
           ("Noorderlaan", "Havenstraat", "Kaai", "Industrieweg")),
    "JP": (("Sanwa", "Kobayashi", "Tokai", "Nippon", "Hokuyo"), "Co., Ltd.",
           ("Minatomirai", "Shiba-koen", "Kaigan-dori", "Honcho")),
    "KR": (("Hanil", "Daesung", "Seoyoung", "Korea", "Samhwa"), "Co., Ltd.",
           ("Jungang-daero", "Haeundae-ro", "Sanup-ro", "Taehwa-ro")),
    "US": (("Pacific", "Western", "Summit", "Atlas", "Liberty"), "Inc.",
           ("Alameda Street", "Industrial Way", "Harbor Boulevard", "Commerce Drive")),
    "SG": (("Straits", "Lion City", "Jurong", "Keppel"), "Pte. Ltd.",
           ("Jurong Port Road", "Tuas Avenue", "Pioneer Road", "Benoi Sector")),
}
TRADER_WORDS = ("Metals", "Materials Trading", "Specialty Metals", "Resources", "Trading")
MAKER_WORDS = ("Magnet Technik", "Advanced Materials", "Electronics", "Semiconductor", "Battery Materials")

# Carriers: name, ISO 6346 owner code, B/L prefix, vessels.
CARRIERS = (
    ("COSCO SHIPPING LINES", "CSN", "COSU", ("COSCO SHIPPING ARIES", "COSCO HIMALAYAS", "XIN LOS ANGELES")),
    ("MEDITERRANEAN SHIPPING COMPANY", "MSC", "MEDU", ("MSC ISABELLA", "MSC TINA", "MSC AMELIA")),
    ("CMA CGM", "CMA", "CMDU", ("CMA CGM TROCADERO", "CMA CGM MARCO POLO")),
    ("ORIENT OVERSEAS CONTAINER LINE", "OOL", "OOLU", ("OOCL HONG KONG", "OOCL GERMANY")),
    ("MAERSK", "MSK", "MAEU", ("MAERSK ESSEN", "MAERSK EINDHOVEN")),
    ("EVERGREEN LINE", "EGH", "EGLV", ("EVER ACE", "EVER GLORY")),
)

INCOTERMS = ("FOB", "CIF", "CFR")
PAYMENT_TERMS = ("T/T 30% IN ADVANCE, 70% AGAINST COPY OF B/L", "T/T 30 DAYS AFTER B/L DATE",
                 "IRREVOCABLE L/C AT SIGHT", "D/P AT SIGHT")

# Chinese names of the parts an exporter's English name is made of (for seals and bilingual paperwork).
CN_CITY_NAMES = {"Ganzhou": "赣州", "Baotou": "包头", "Changsha": "长沙", "Zhuzhou": "株洲", "Kunming": "昆明",
                 "Xiamen": "厦门", "Ningbo": "宁波", "Suzhou": "苏州", "Foshan": "佛山", "Qingdao": "青岛"}
CN_FIRM_NAMES = {"Huaxin": "华鑫", "Jinlong": "金龙", "Hengtai": "恒泰", "Ruifeng": "瑞丰", "Zhongke": "中科",
                 "Xinhai": "鑫海", "Tianyu": "天宇", "Dingsheng": "鼎盛", "Hongda": "宏达",
                 "Changjiang": "长江", "Boyuan": "博源", "Shengtai": "盛泰"}
CN_SECTOR_NAMES = {"Rare Earth Materials": "稀土材料", "Gallium Technology": "镓业科技",
                   "Germanium Materials": "锗材料", "Antimony Industry": "锑业", "New Carbon Materials": "新型碳材料",
                   "Tungsten Industry": "钨业", "Ceramics": "陶瓷", "Garments": "服饰",
                   "Lighting Technology": "照明科技", "Hardware": "五金"}
