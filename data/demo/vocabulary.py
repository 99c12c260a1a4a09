"""Word lists of the demo: sectors, name parts of organisations, job titles, workshops, rooms."""

from __future__ import annotations

import itertools

# How often each sector of data.contract.SECTORS occurs among the organisations, in its order.
SECTOR_WEIGHTS: tuple[float, ...] = (4, 10, 6, 5, 16, 7, 5, 14, 11, 12, 3, 2, 2, 3)
SECTOR_CUM: tuple[float, ...] = tuple(itertools.accumulate(SECTOR_WEIGHTS))

# Words that name a cluster of the sector ("Maritime" Cluster, "Laser" Cluster, ...).
CLUSTER_WORDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace", "Space", "Defence", "Drone", "Aviation"),
    "Agri-food": ("Food", "Agri-food", "Aquaculture", "Dairy", "Seafood", "Bioeconomy"),
    "Construction": ("Construction", "Timber Construction", "Smart Building", "Wood Building"),
    "Cultural & Creative Industries": ("Creative Industries", "Design", "Film", "Games", "Music"),
    "Digital": ("Digital", "ICT", "AI", "Software", "Cybersecurity", "Data", "Fintech"),
    "Electronics": ("Laser", "Photonics", "Electronics", "Microelectronics", "Sensor"),
    "Energy-Intensive Industries": ("Chemistry", "Plastics", "Materials", "Process Industry"),
    "Renewable Energy": ("Energy", "Wind Energy", "Offshore Wind", "Hydrogen", "Cleantech"),
    "Health": ("Life Science", "MedTech", "Health", "BioMed", "Biotech", "eHealth"),
    "Mobility, Transport & Automotive": ("Maritime", "Logistics", "Automotive", "Mobility"),
    "Proximity, Social Economy & Civil Security": ("Social Innovation", "Civil Security"),
    "Retail": ("Retail", "E-commerce", "Commerce"),
    "Textile": ("Textile", "Fashion", "Smart Textiles"),
    "Tourism": ("Tourism", "Coastal Tourism", "Hospitality", "Nature Tourism"),
}

# Words that end a company's name ("Aalborg Wind ApS", "Turku BioMed Oy").
COMPANY_WORDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace", "Drones", "Avionics", "Space Systems", "Defence Tech"),
    "Agri-food": ("Foods", "Seafood", "Dairy", "AgriTech", "Aqua", "Organics"),
    "Construction": ("Bau", "Timber", "Building Systems", "Construction", "Modular Homes"),
    "Cultural & Creative Industries": ("Studios", "Design", "Media", "Games", "Sound"),
    "Digital": ("Robotics", "Software", "Data", "AI Labs", "Cloud", "Systems", "Analytics"),
    "Electronics": ("Photonics", "Sensors", "Electronics", "Laser", "Optics"),
    "Energy-Intensive Industries": ("Chemicals", "Polymers", "Steel", "Materials", "Glass"),
    "Renewable Energy": ("Wind", "Solar", "Hydrogen", "Energy", "Power", "Heat Pumps"),
    "Health": ("BioMed", "Pharma", "Diagnostics", "MedTech", "Therapeutics", "Health"),
    "Mobility, Transport & Automotive": ("Shipping", "Logistics", "Mobility", "Marine", "Rail"),
    "Proximity, Social Economy & Civil Security": ("Security", "Care", "Safety Solutions"),
    "Retail": ("Retail", "Commerce", "Trading", "Stores"),
    "Textile": ("Textiles", "Fibres", "Wear", "Knit"),
    "Tourism": ("Travel", "Hotels", "Experiences", "Tours"),
}

# Research fields of the sector ("Institute of Photonics", "Centre for Maritime Logistics").
RESEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace Engineering", "Space Technology"),
    "Agri-food": ("Food Science", "Marine Bioeconomy", "Agricultural Technology"),
    "Construction": ("Building Technology", "Sustainable Construction"),
    "Cultural & Creative Industries": ("Design", "Media Studies"),
    "Digital": ("Computer Science", "Artificial Intelligence", "Cybersecurity"),
    "Electronics": ("Photonics", "Microsystems", "Applied Optics"),
    "Energy-Intensive Industries": ("Materials Science", "Process Engineering"),
    "Renewable Energy": ("Energy Systems", "Wind Energy", "Hydrogen Technologies"),
    "Health": ("Biomedicine", "Medical Technology", "Public Health"),
    "Mobility, Transport & Automotive": ("Maritime Logistics", "Transport Research"),
    "Proximity, Social Economy & Civil Security": ("Social Innovation", "Safety Research"),
    "Retail": ("Retail Management", "Consumer Research"),
    "Textile": ("Textile Engineering", "Fibre Research"),
    "Tourism": ("Tourism Research", "Regional Studies"),
}

PLACE_WORDS: tuple[str, ...] = (
    "Nordhafen",
    "Baltic",
    "Nordic",
    "Ostsee",
    "Hansa",
    "Amber",
    "Fjord",
    "Aurora",
    "Polar",
    "Seaside",
    "Birch",
    "Northwind",
    "Kattegat",
    "Skagerrak",
    "Gotland",
    "Lumen",
    "Tide",
)

CLUSTER_TEMPLATES: tuple[str, ...] = (
    "{word} Cluster {region}",
    "{adjective} {word} Cluster",
    "{word} Hub {city}",
    "{word} Valley {country}",
    "{word} Cluster {city}",
    "{region} {word} Network",
    "{region} {word} Cluster",
    "{city} {word} Alliance",
)
RESEARCH_TEMPLATES: tuple[str, ...] = (
    "University of {city}",
    "{city} University of Technology",
    "{city} University of Applied Sciences",
    "{adjective} Institute of {field}",
    "{city} Research Centre for {field}",
    "Institute for {field} {city}",
)
PUBLIC_TEMPLATES: tuple[str, ...] = (
    "{adjective} Ministry of Economic Affairs",
    "{region} Regional Development Agency",
    "City of {city} – Business Development",
    "{adjective} Business Agency",
    "{region} Economic Development Corporation",
    "Enterprise {country}",
    "{adjective} Agency for Innovation",
)
OTHER_TEMPLATES: tuple[str, ...] = (
    "{city} Chamber of Commerce",
    "{region} Business Association",
    "{place} Consulting",
    "{adjective} Federation of Industries",
    "{place} Media",
)

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "cluster_organisation": (
        "Cluster Manager",
        "Managing Director",
        "Project Manager",
        "Innovation Manager",
        "Head of International Cooperation",
        "Business Development Manager",
        "Internationalisation Manager",
        "Communications Manager",
        "Project Coordinator",
    ),
    "sme": ("CEO", "Founder & CEO", "CTO", "Head of Sales", "Export Manager", "Co-founder"),
    "large_company": (
        "Head of Innovation",
        "Director Strategic Partnerships",
        "R&D Manager",
        "Key Account Manager",
        "Head of Open Innovation",
        "Vice President Business Development",
    ),
    "research": (
        "Professor",
        "Senior Researcher",
        "Research Fellow",
        "Head of Technology Transfer",
        "Postdoctoral Researcher",
        "Head of Department",
    ),
    "public_authority": (
        "Senior Advisor",
        "Head of Unit",
        "Policy Officer",
        "Programme Manager",
        "Regional Development Officer",
        "Deputy Director",
    ),
    "other": ("Consultant", "Senior Consultant", "Partner", "Advisor", "Managing Partner"),
    "press": ("Journalist", "Editor", "Correspondent", "Photographer"),
    "organiser": ("Event Manager", "Conference Coordinator", "Programme Officer"),
}

WORKSHOPS: tuple[tuple[str, str], ...] = (
    ("Smart Ports", "Smart Ports: Digitalising Baltic Port Logistics"),
    ("Green Hydrogen", "Green Hydrogen Valleys around the Baltic Sea"),
    ("Digital Twins", "Digital Twins for Manufacturing SMEs"),
    ("Circular Economy", "Circular Economy: From Pilot to Business Model"),
    ("Offshore Wind", "Offshore Wind Supply Chains: Where Clusters Fit In"),
    ("Artificial Intelligence", "AI in Industry: Cluster Support for First Movers"),
    ("Cluster Excellence", "Cluster Excellence: Preparing for the Gold Label"),
    ("Blue Bioeconomy", "Blue Bioeconomy: Algae, Fish Side-Streams and New Foods"),
    ("Cybersecurity", "Cybersecurity for SMEs under NIS2"),
    ("Funding", "Interreg Baltic Sea Region: The Next Call"),
    ("Health Data", "Health Data Spaces: Cross-Border Pilots"),
    ("Defence & Dual Use", "Dual-Use Technologies and Defence Procurement"),
    ("Batteries", "Battery Value Chains in the Nordics"),
    ("Skills", "Skills & Talent: Joint Cluster Academies"),
    ("Smart Cities", "Smart Cities: Living Labs Across Borders"),
    ("Timber Construction", "Timber Construction and the New European Bauhaus"),
)
ROOMS: tuple[str, ...] = (
    "Room Helsinki",
    "Room Riga",
    "Room Tallinn",
    "Room Vilnius",
    "Room Copenhagen",
    "Room Stockholm",
    "Room Oslo",
    "Room Gdańsk",
    "Hall A",
    "Hall B",
    "Salon Reykjavík",
    "Foyer Stage",
)
CHECKIN_POINTS: tuple[str, ...] = ("Main entrance", "Desk A", "Desk B")
FREE_MAIL: tuple[str, ...] = ("gmail.com", "outlook.com", "proton.me")
