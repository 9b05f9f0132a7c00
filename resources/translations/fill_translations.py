"""Fill the unfinished entries of a .ts file from a JSON dict of translations.

    python resources/translations/fill_translations.py resources/translations/orderpilot_zh_CN.ts new.json

Keys are either the English source text or "Context|source" where one text needs different
translations in different classes. Then run update_translations.py to rebuild the .qm.
"""
import json, sys
import xml.etree.ElementTree as ET

ts, mapping = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
tree = ET.parse(ts)
missing = []
for context in tree.getroot().iter("context"):
    name = context.findtext("name")
    for message in context.iter("message"):
        tr = message.find("translation")
        if tr.get("type") != "unfinished":
            continue
        source = message.findtext("source")
        key = f"{name}|{source}"
        text = mapping.get(key, mapping.get(source))
        if text is None:
            missing.append(key)
            continue
        forms = tr.findall("numerusform")
        if forms:
            for form in forms:
                form.text = text
        else:
            tr.text = text
        del tr.attrib["type"]
tree.write(ts, encoding="utf-8", xml_declaration=True)
print("missing:", missing)
