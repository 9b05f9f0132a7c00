"""Building blocks for realistic names and addresses: Chinese cities and companies, and a few
export markets (Germany, the US, the UK and others). Pure data, no database access."""

from __future__ import annotations

# (city, province/region, postal code, phone area code, districts)
CN_CITIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("上海市", "上海市", "201203", "21", ("浦东新区", "闵行区", "嘉定区", "松江区", "宝山区", "青浦区")),
    ("苏州市", "江苏省", "215021", "512", ("工业园区", "吴中区", "相城区", "高新区")),
    ("无锡市", "江苏省", "214028", "510", ("新吴区", "滨湖区", "惠山区")),
    ("南京市", "江苏省", "211100", "25", ("江宁区", "浦口区", "栖霞区")),
    ("常州市", "江苏省", "213022", "519", ("新北区", "武进区")),
    ("杭州市", "浙江省", "311200", "571", ("萧山区", "余杭区", "滨江区")),
    ("宁波市", "浙江省", "315800", "574", ("北仑区", "鄞州区", "镇海区")),
    ("温州市", "浙江省", "325024", "577", ("龙湾区", "瓯海区")),
    ("广州市", "广东省", "511400", "20", ("番禺区", "黄埔区", "白云区")),
    ("深圳市", "广东省", "518101", "755", ("宝安区", "龙岗区", "南山区")),
    ("佛山市", "广东省", "528300", "757", ("顺德区", "南海区")),
    ("天津市", "天津市", "300450", "22", ("滨海新区", "西青区", "津南区")),
    ("北京市", "北京市", "100176", "10", ("大兴区", "顺义区", "昌平区")),
    ("青岛市", "山东省", "266555", "532", ("黄岛区", "城阳区")),
    ("济南市", "山东省", "250101", "531", ("历城区", "章丘区")),
    ("武汉市", "湖北省", "430040", "27", ("东西湖区", "江夏区", "汉阳区")),
    ("成都市", "四川省", "610100", "28", ("龙泉驿区", "新都区", "双流区")),
    ("重庆市", "重庆市", "401120", "23", ("渝北区", "九龙坡区", "江津区")),
    ("西安市", "陕西省", "710016", "29", ("未央区", "长安区")),
    ("沈阳市", "辽宁省", "110027", "24", ("铁西区", "浑南区")),
    ("郑州市", "河南省", "450001", "371", ("中原区", "管城回族区")),
    ("长沙市", "湖南省", "410100", "731", ("雨花区", "望城区")),
    ("合肥市", "安徽省", "230088", "551", ("蜀山区", "包河区")),
)

CN_STREETS = ("张江路", "金科路", "星湖街", "苏虹中路", "长江路", "黄河路", "人民路", "解放路", "工业大道",
              "科技路", "创业路", "高新大道", "滨江大道", "兴业路", "环城北路", "经开区纬三路", "新华路",
              "建设大道", "开发区中路", "港城大道")
CN_BUILDINGS = ("", "", "", "2号厂房", "3号厂房", "A栋", "B座5楼", "综合楼3层", "东门仓库")

# (trade name, pinyin)
CN_TRADE_NAMES: tuple[tuple[str, str], ...] = (
    ("浦江", "pujiang"), ("恒通", "hengtong"), ("金泰", "jintai"), ("宏达", "hongda"), ("鑫源", "xinyuan"),
    ("永盛", "yongsheng"), ("东方", "dongfang"), ("瑞丰", "ruifeng"), ("天成", "tiancheng"), ("博远", "boyuan"),
    ("中联", "zhonglian"), ("海川", "haichuan"), ("明辉", "minghui"), ("长江", "changjiang"), ("远大", "yuanda"),
    ("利民", "limin"), ("嘉诚", "jiacheng"), ("兴业", "xingye"), ("联创", "lianchuang"), ("华星", "huaxing"),
    ("润泽", "runze"), ("德胜", "desheng"), ("凯达", "kaida"), ("同力", "tongli"), ("安泰", "antai"),
    ("万通", "wantong"), ("蓝天", "lantian"), ("清源", "qingyuan"), ("泰丰", "taifeng"), ("宏远", "hongyuan"),
    ("新华", "xinhua"), ("恒信", "hengxin"), ("金鹏", "jinpeng"), ("华宇", "huayu"), ("启明", "qiming"),
    ("盛达", "shengda"), ("汇丰源", "huifengyuan"), ("正阳", "zhengyang"), ("大禹", "dayu"), ("碧水", "bishui"),
)

# (industry, pinyin abbreviation for e-mail domains)
CN_INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("机械", "jx"), ("水务", "sw"), ("环保科技", "hb"), ("化工", "hg"), ("制药", "zy"), ("建设工程", "js"),
    ("电力设备", "dl"), ("自动化设备", "zdh"), ("石化", "sh"), ("食品", "sp"), ("暖通工程", "nt"),
    ("消防设备", "xf"), ("冶金", "yj"), ("造纸", "zz"), ("矿业", "ky"), ("市政工程", "sz"), ("泵阀", "bf"),
)
CN_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司")

CN_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
               "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐")
CN_GIVEN = ("芳", "伟", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
            "秀英", "华", "平", "刚", "建华", "志强", "晓东", "海燕", "建国", "丹", "鹏", "婷", "雪梅", "国庆")
CN_MAIL_USERS = ("purchase", "caigou", "sales", "info", "procurement", "equipment", "shebei")

# Export markets: country, currency, language, phone prefix, cities (city, region, postal code),
# streets, company patterns ({n} = family name, {i} = industry word) and contact names.
FOREIGN_MARKETS: tuple[dict, ...] = (
    {
        "country": "DE", "currency": "EUR", "language": "de_DE", "phone": "+49", "tld": "de", "weight": 30,
        "cities": (("München", "Bayern", "80331"), ("Stuttgart", "Baden-Württemberg", "70173"),
                   ("Hamburg", "Hamburg", "20095"), ("Frankfurt am Main", "Hessen", "60311"),
                   ("Düsseldorf", "Nordrhein-Westfalen", "40213"), ("Dortmund", "Nordrhein-Westfalen", "44135"),
                   ("Leipzig", "Sachsen", "04109"), ("Nürnberg", "Bayern", "90402"),
                   ("Hannover", "Niedersachsen", "30159"), ("Mannheim", "Baden-Württemberg", "68159")),
        "streets": ("Industriestraße", "Hauptstraße", "Gewerbepark", "Am Hafen", "Max-Planck-Straße",
                    "Robert-Bosch-Straße", "Carl-Benz-Straße", "Siemensstraße"),
        "address": "{street} {no}",
        "names": ("Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch",
                  "Richter", "Klein", "Wolf", "Neumann", "Krüger", "Hartmann"),
        "first": ("Thomas", "Andreas", "Stefan", "Julia", "Katrin", "Michael", "Sabine", "Jens", "Markus"),
        "patterns": ("{n} Pumpentechnik GmbH", "{n} Anlagenbau GmbH & Co. KG", "{n} Wassertechnik GmbH",
                     "{n} Industrieservice GmbH", "Stadtwerke {c} GmbH", "{n} Armaturen GmbH",
                     "{n} Antriebstechnik AG"),
    },
    {
        "country": "US", "currency": "USD", "language": "en_US", "phone": "+1", "tld": "com", "weight": 25,
        "cities": (("Houston", "TX", "77002"), ("Chicago", "IL", "60607"), ("Cleveland", "OH", "44114"),
                   ("Detroit", "MI", "48226"), ("Pittsburgh", "PA", "15222"), ("Charlotte", "NC", "28202"),
                   ("Phoenix", "AZ", "85004"), ("Denver", "CO", "80202"), ("Tulsa", "OK", "74103"),
                   ("Baton Rouge", "LA", "70802")),
        "streets": ("Industrial Pkwy", "Commerce Dr", "Main St", "Harbor Blvd", "Enterprise Ave",
                    "Technology Way", "Mill Rd"),
        "address": "{no} {street}",
        "names": ("Johnson", "Miller", "Anderson", "Thompson", "Walker", "Carter", "Mitchell", "Parker",
                  "Collins", "Reed", "Hughes", "Bennett"),
        "first": ("James", "Emily", "Robert", "Jessica", "David", "Ashley", "Brian", "Laura", "Kevin"),
        "patterns": ("{n} Pump & Supply Inc.", "{n} Industrial LLC", "Gulf Coast Fluid Systems Inc.",
                     "{n} Water Works LLC", "{c} Process Equipment Inc.", "{n} Mechanical Contractors Inc.",
                     "{n} Valve & Controls Co."),
    },
    {
        "country": "GB", "currency": "GBP", "language": "en_GB", "phone": "+44", "tld": "co.uk", "weight": 15,
        "cities": (("Birmingham", "West Midlands", "B4 7ET"), ("Manchester", "Greater Manchester", "M1 1AE"),
                   ("Leeds", "West Yorkshire", "LS1 4DY"), ("Sheffield", "South Yorkshire", "S1 2HE"),
                   ("Glasgow", "Scotland", "G2 1DY"), ("Bristol", "Bristol", "BS1 4DJ")),
        "streets": ("Trafford Park Road", "Station Road", "Mill Lane", "Kingsway", "Riverside Way",
                    "Canal Street"),
        "address": "Unit {no}, {street}",
        "names": ("Smith", "Taylor", "Brown", "Wilson", "Evans", "Davies", "Roberts", "Wright", "Hughes"),
        "first": ("Oliver", "Charlotte", "Harry", "Sophie", "George", "Emma", "Jack", "Lucy"),
        "patterns": ("{n} Engineering Ltd", "{n} Pumps Ltd", "{c} Water Services Ltd", "{n} & Sons (Valves) Ltd",
                     "{n} Building Services Ltd"),
    },
    {
        "country": "NL", "currency": "EUR", "language": "en_GB", "phone": "+31", "tld": "nl", "weight": 7,
        "cities": (("Rotterdam", "Zuid-Holland", "3011 AA"), ("Eindhoven", "Noord-Brabant", "5611 AB")),
        "streets": ("Havenweg", "Industrieweg", "Kanaalweg"),
        "address": "{street} {no}",
        "names": ("de Vries", "Jansen", "Bakker", "Visser", "Smit"),
        "first": ("Daan", "Sanne", "Pieter", "Lotte"),
        "patterns": ("{n} Pompen B.V.", "{n} Industrial Supplies B.V.", "{c} Process Technology B.V."),
    },
    {
        "country": "IT", "currency": "EUR", "language": "en_GB", "phone": "+39", "tld": "it", "weight": 6,
        "cities": (("Milano", "Lombardia", "20121"), ("Bologna", "Emilia-Romagna", "40121")),
        "streets": ("Via Industria", "Via Roma", "Viale Europa"),
        "address": "{street} {no}",
        "names": ("Rossi", "Bianchi", "Ferrari", "Colombo", "Ricci"),
        "first": ("Marco", "Giulia", "Luca", "Francesca"),
        "patterns": ("{n} Pompe S.r.l.", "{n} Impianti S.p.A.", "Idrotecnica {n} S.r.l."),
    },
    {
        "country": "AE", "currency": "USD", "language": "en_US", "phone": "+971", "tld": "ae", "weight": 6,
        "cities": (("Dubai", "Dubai", "00000"), ("Abu Dhabi", "Abu Dhabi", "00000")),
        "streets": ("Jebel Ali Free Zone", "Al Quoz Industrial Area 3", "Mussafah M-12"),
        "address": "Warehouse {no}, {street}",
        "names": ("Al Mansoori", "Al Hashimi", "Khan", "Al Nuaimi"),
        "first": ("Omar", "Fatima", "Ahmed", "Rahul"),
        "patterns": ("{n} Trading LLC", "Gulf {i} Equipment FZE", "{n} General Contracting LLC"),
    },
    {
        "country": "VN", "currency": "USD", "language": "en_US", "phone": "+84", "tld": "vn", "weight": 6,
        "cities": (("Ho Chi Minh City", "Ho Chi Minh", "700000"), ("Hanoi", "Hanoi", "100000"),
                   ("Hai Phong", "Hai Phong", "180000")),
        "streets": ("Tan Thuan EPZ", "VSIP Industrial Park", "Nguyen Van Linh"),
        "address": "Lot {no}, {street}",
        "names": ("Nguyen", "Tran", "Le", "Pham", "Hoang"),
        "first": ("Minh", "Lan", "Tuan", "Huong"),
        "patterns": ("{n} Engineering JSC", "{n} Water Technology Co., Ltd", "Saigon {i} Co., Ltd"),
    },
    {
        "country": "AU", "currency": "AUD", "language": "en_GB", "phone": "+61", "tld": "com.au", "weight": 5,
        "cities": (("Perth", "WA", "6000"), ("Brisbane", "QLD", "4000"), ("Melbourne", "VIC", "3000")),
        "streets": ("Great Eastern Hwy", "Kewdale Rd", "Boundary Rd"),
        "address": "{no} {street}",
        "names": ("Campbell", "Stewart", "Kelly", "Murphy", "Ryan"),
        "first": ("Liam", "Chloe", "Noah", "Mia"),
        "patterns": ("{n} Pumping Solutions Pty Ltd", "{n} Mining Services Pty Ltd", "{c} Irrigation Pty Ltd"),
    },
)

FOREIGN_INDUSTRY_WORDS = ("Pump", "Valve", "Process", "Water", "Industrial", "Fluid")

# Exchange rates used to turn CNY list prices into customer currency prices.
CNY_PER_UNIT = {"CNY": 1.0, "EUR": 7.8, "USD": 7.2, "GBP": 9.1, "AUD": 4.7}
